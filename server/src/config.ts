import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { type Static, Type } from 'typebox';
import { PASSWORD_RULES } from './lib/passwords.ts';

/**
 * Every setting Labline reads, with the seed documents' names. Validated once at boot: a typo in a
 * number or an unknown log level stops the process with a message naming the variable, instead of
 * surfacing as odd behaviour hours later.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

const ConfigSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
  }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8000 }),
  HOST: Type.String({ default: '0.0.0.0' }),
  PUBLIC_URL: Type.String({ default: '' }),
  DATABASE_URL: Type.String({ default: '' }),
  DATA_DIR: Type.String({ default: './data' }),
  DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  DB_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 15000 }),
  DB_CONNECT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 5000 }),
  SECRET_KEY: Type.String({ default: '' }),
  ACCESS_TOKEN_EXPIRE_MINUTES: Type.Number({ exclusiveMinimum: 0, default: 30 }),
  REFRESH_TOKEN_EXPIRE_DAYS: Type.Number({ exclusiveMinimum: 0, default: 7 }),
  REFRESH_TOKEN_ABSOLUTE_DAYS: Type.Number({ exclusiveMinimum: 0, default: 30 }),
  CORS_ORIGINS: Type.String({ default: 'http://localhost:5173,http://localhost:8000' }),
  REDIS_URL: Type.String({ default: '' }),
  UPLOAD_DIR: Type.String({ default: '', description: 'empty = DATA_DIR/uploads' }),
  MAX_UPLOAD_SIZE: Type.Integer({ minimum: 1024, default: 10 * 1024 * 1024 }),
  SMTP_URL: Type.String({ default: '' }),
  MAIL_FROM: Type.String({ default: 'Labline <no-reply@labline.local>' }),
  ADMIN_EMAIL: Type.String({ format: 'email', maxLength: 254, default: 'admin@labline.local' }),
  ADMIN_PASSWORD: Type.String({ default: '' }),
  MAX_SESSIONS: Type.Integer({ minimum: 1, maximum: 100, default: 3 }),
  LOCKOUT_THRESHOLD: Type.Integer({ minimum: 1, default: 5 }),
  LOCKOUT_MINUTES: Type.Number({ exclusiveMinimum: 0, default: 15 }),
  AUTH_RATE_LIMIT: Type.Integer({ minimum: 1, default: 20 }),
  AUTH_RATE_WINDOW_SECONDS: Type.Integer({ minimum: 1, default: 60 }),
  REGISTRATION_ENABLED: Type.Boolean({ default: true }),
  REQUIRE_EMAIL_VERIFICATION: Type.Boolean({ default: true }),
  HASH_CONCURRENCY: Type.Integer({ minimum: 0, maximum: 64, default: 0, description: '0 = number of cores' }),
  HASH_QUEUE_LIMIT: Type.Integer({ minimum: 0, maximum: 10000, default: 64 }),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30000 }),
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, default: 1000 }),
  WORK_HOURS: Type.String({ default: '' }),
  TIMEZONE: Type.String({ default: 'UTC' }),
  CURRENCY: Type.String({ pattern: '^[A-Z]{3}$', default: 'USD' }),
  LOG_LEVEL: Type.Unsafe<LogLevel>({ type: 'string', enum: [...LOG_LEVELS], default: 'info' }),
  SEED_DEMO: Type.Boolean({ default: false }),
});

export type Config = Static<typeof ConfigSchema> & {
  corsOrigins: string[];
  dataDir: string;
  uploadDir: string;
  hashConcurrency: number;
};

const WEAK_SECRETS = new Set([
  'secret',
  'changeme',
  'change-me',
  'your-secret-key',
  'dev',
  'test',
  'password',
]);

export class ConfigError extends Error {}

const ajv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validate = ajv.compile(ConfigSchema);

/** Reads and validates the environment. `overrides` lets tests and the CLI set values directly. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  Object.assign(raw, overrides);
  if (!validate(raw)) {
    const problems = (validate.errors ?? []).map(
      (e) => `${e.instancePath.slice(1) || 'config'} ${e.message}`,
    );
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const cfg = raw as Static<typeof ConfigSchema>;
  const dataDir = resolve(cfg.DATA_DIR);
  const config: Config = {
    ...cfg,
    dataDir,
    // uploads live with the rest of the lab's data unless put elsewhere on purpose
    uploadDir: cfg.UPLOAD_DIR ? resolve(cfg.UPLOAD_DIR) : join(dataDir, 'uploads'),
    corsOrigins: cfg.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    hashConcurrency: cfg.HASH_CONCURRENCY || availableParallelism(),
  };
  config.SECRET_KEY = resolveSecret(config);
  // the first administrator's password obeys the same rules as every other
  const { minLength, maxLength } = PASSWORD_RULES;
  const adminPassword = config.ADMIN_PASSWORD;
  if (adminPassword && (adminPassword.length < minLength || adminPassword.length > maxLength)) {
    throw new ConfigError(
      `Invalid configuration: ADMIN_PASSWORD must be ${minLength} to ${maxLength} characters (or empty for a random one)`,
    );
  }
  const hours = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(config.WORK_HOURS);
  if (config.WORK_HOURS && (!hours || `${hours[1]}${hours[2]}` === `${hours[3]}${hours[4]}`)) {
    throw new ConfigError(
      'Invalid configuration: WORK_HOURS must look like 09:00-18:00 (24-hour times, start and end different)',
    );
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: config.TIMEZONE });
  } catch {
    throw new ConfigError(
      `Invalid configuration: TIMEZONE "${config.TIMEZONE}" is not an IANA time zone (e.g. Europe/Berlin)`,
    );
  }
  return config;
}

/**
 * In production the secret must be given and strong. In development an unset secret is generated
 * once and kept in the data directory, so tokens survive a restart without anyone choosing one.
 */
function resolveSecret(config: Config): string {
  const given = config.SECRET_KEY;
  if (config.NODE_ENV === 'production') {
    if (!given) throw new ConfigError('SECRET_KEY is required in production (at least 32 random characters)');
    if (given.length < 32 || WEAK_SECRETS.has(given.toLowerCase()) || new Set(given).size < 8) {
      throw new ConfigError('SECRET_KEY is too weak for production: use at least 32 random characters');
    }
    return given;
  }
  if (given) return given;
  if (config.NODE_ENV === 'test') return randomBytes(32).toString('hex');
  const file = join(config.dataDir, 'secret_key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
