import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Store, storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** Accept a caller's request id only when it is short and harmless to echo into logs and headers. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

type Next = (error?: unknown) => void;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** Silent means no line at any level: per-request loggers and listeners would serve nothing. */
const isSilent = (logger: Logger): boolean => !logger.isLevelEnabled('fatal');

/**
 * One log line per request with its id. Installed first so even requests refused by the input
 * guards are logged. Bodies are never logged and URLs lose their query: both carry personal data.
 * Every request gets its id (and the `x-request-id` header) even when the level is silent; only
 * the per-request child logger and the response listener pino-http adds are skipped then.
 */
export function httpLoggerMiddleware(logger: Logger): Middleware {
  const logged = pinoHttp({
    logger,
    genReqId: requestId,
    wrapSerializers: false,
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  });
  return (req, res, next) => {
    if (!isSilent(logger)) return logged(req, res, next);
    req.id = requestId(req, res);
    req.log = logger;
    next();
  };
}

/**
 * Binds the request's logger for Nest's PinoLogger (nestjs-pino's binding, done here so it
 * skips Nest's per-request route matching). Installed after the body is read: stream events
 * run outside the context a middleware before them would open. When silent, nothing is bound
 * and PinoLogger falls back to the (silent) root logger.
 */
export function requestLoggerContext(logger: Logger): Middleware {
  return (req, _res, next) => {
    if (isSilent(logger)) return next();
    storage.run(new Store(req.log), next);
  };
}
