import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { validatorCompiler } from './lib/validation.ts';
import { modules } from './modules/index.ts';
import { closePdfWorkers } from './pdf/pool.ts';
import auth from './plugins/app/auth.ts';
import db from './plugins/app/db.ts';
import errors, { frameworkError } from './plugins/app/errors.ts';
import events from './plugins/app/events.ts';
import idempotency from './plugins/app/idempotency.ts';
import inputGuard from './plugins/app/input-guard.ts';
import mail from './plugins/app/mail.ts';
import metrics from './plugins/app/metrics.ts';
import requestContext from './plugins/app/request-context.ts';
import cookie from './plugins/external/cookie.ts';
import cors from './plugins/external/cors.ts';
import formbody from './plugins/external/formbody.ts';
import helmet from './plugins/external/helmet.ts';
import rateLimit from './plugins/external/rate-limit.ts';
import webApp from './plugins/external/static.ts';
import swagger from './plugins/external/swagger.ts';
import underPressure from './plugins/external/under-pressure.ts';
import type { App } from './types.ts';

export interface BuildOptions {
  config: Config;
  /** An already opened database (tests pass a PGlite clone); otherwise opened from the config. */
  database?: Database;
  /** Apply pending migrations before serving (default true). */
  migrate?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** Close the database with the app (default: when buildApp opened it). */
  closeDatabase?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    // Buffered, asynchronous writes: a synchronous write per log line was the largest single cost in
    // the request profile. pino flushes the buffer when the process exits.
    stream: pino.destination({ dest: 1, sync: false, minLength: 4096 }),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.new_password',
        '*.current_password',
        '*.token',
        '*.refresh_token',
        '*.access_token',
        'mail.text',
      ],
      censor: '[redacted]',
    },
  };
}

/** Builds the whole app: external plugins → app plugins → modules. `server.ts` only listens. */
export async function buildApp(options: BuildOptions): Promise<App> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config),
    // one log line per request, written by request-context on completion
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    handlerTimeout: config.REQUEST_TIMEOUT_MS,
    requestTimeout: config.REQUEST_TIMEOUT_MS + 5000,
    trustProxy: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : uuidv7();
    },
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: frameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.decorate('config', config);

  const database =
    options.database ?? (await openDatabase(config, (err) => app.log.warn({ err }, 'database pool error')));
  try {
    if (options.migrate !== false) await database.migrate();
  } catch (err) {
    if (!options.database) await database.close();
    throw err;
  }

  await app.register(errors);
  await app.register(db, { database, closeOnShutdown: options.closeDatabase ?? !options.database });
  await app.register(requestContext);
  await app.register(helmet);
  await app.register(cors);
  await app.register(cookie);
  await app.register(formbody);
  await app.register(underPressure);
  await app.register(rateLimit);
  await app.register(swagger);
  await app.register(inputGuard);
  await app.register(events);
  await app.register(auth);
  await app.register(idempotency);
  await app.register(mail);
  await app.register(metrics);
  for (const module of modules) await app.register(module);
  app.addHook('onClose', closePdfWorkers);
  await app.register(webApp); // last: the web app answers only what no module claimed
  return app;
}
