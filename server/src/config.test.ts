import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.PORT).toBe(8000);
    expect(config.ACCESS_TOKEN_EXPIRE_MINUTES).toBe(30);
    expect(config.REFRESH_TOKEN_EXPIRE_DAYS).toBe(7);
    expect(config.MAX_SESSIONS).toBe(3);
    expect(config.LOCKOUT_THRESHOLD).toBe(5);
    expect(config.MAX_UPLOAD_SIZE).toBe(10 * 1024 * 1024);
    expect(config.DATABASE_URL).toBe('');
  });

  it('coerces and validates values, naming the bad variable', () => {
    expect(loadConfig({ NODE_ENV: 'test', PORT: '9001', REGISTRATION_ENABLED: 'false' })).toMatchObject({
      PORT: 9001,
      REGISTRATION_ENABLED: false,
    });
    expect(() => loadConfig({ NODE_ENV: 'test', PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ NODE_ENV: 'test', WORK_HOURS: '9 to 5' })).toThrow(/WORK_HOURS/);
    expect(() => loadConfig({ NODE_ENV: 'test', ADMIN_EMAIL: 'admin' })).toThrow(/ADMIN_EMAIL/);
    expect(() => loadConfig({ NODE_ENV: 'test', ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD/);
    expect(loadConfig({ NODE_ENV: 'test', ADMIN_PASSWORD: 'long-enough' }).ADMIN_PASSWORD).toBe(
      'long-enough',
    );
    expect(
      loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: 'https://a.test, https://b.test' }).corsOrigins,
    ).toEqual(['https://a.test', 'https://b.test']);
  });

  it('keeps uploads in DATA_DIR/uploads unless UPLOAD_DIR says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).uploadDir).toBe(resolve('data', 'uploads'));
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: '/srv/labline' }).uploadDir).toBe('/srv/labline/uploads');
    expect(
      loadConfig({ NODE_ENV: 'test', DATA_DIR: '/srv/labline', UPLOAD_DIR: '/mnt/files' }).uploadDir,
    ).toBe('/mnt/files');
  });

  it('refuses a missing or weak SECRET_KEY in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', SECRET_KEY: 'changeme' })).toThrow(/too weak/);
    expect(() => loadConfig({ NODE_ENV: 'production', SECRET_KEY: 'a'.repeat(40) })).toThrow(/too weak/);
    const strong = 'Zq8#vT2m!pL9@xW4$nR7^bK1&cY6*dF3(hJ5';
    expect(loadConfig({ NODE_ENV: 'production', SECRET_KEY: strong }).SECRET_KEY).toBe(strong);
  });

  it('generates a development secret once and keeps it in the data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labline-cfg-'));
    const first = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir }).SECRET_KEY;
    const second = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir }).SECRET_KEY;
    expect(first).toHaveLength(64);
    expect(second).toBe(first);
    expect(readFileSync(join(dir, 'secret_key'), 'utf8')).toBe(first);
  });
});
