import pino, { type Logger } from 'pino';
import type { AppConfig } from '../../config';

/** Paths pino blanks out wherever a header object is logged; tokens and cookies grant access. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/** The process's one pino logger; boot, Nest and HTTP logs are all its children. */
export function createRootLogger(config: Pick<AppConfig, 'logLevel' | 'logPretty'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'sentinel-engine' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // pino-pretty is a dev dependency: only asked for by developers, never by production images.
    transport: config.logPretty
      ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
      : undefined,
  });
}
