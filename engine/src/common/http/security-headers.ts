import helmet from 'helmet';
import type { RequestHandler } from 'express';
import type { SentinelMode } from '../../config';

/**
 * Helmet with a CSP that the Swagger UI page satisfies (external scripts only, inline styles,
 * data: images). upgrade-insecure-requests is left to production: a demo reached over plain
 * HTTP on a clinic LAN would otherwise have the browser fetch its scripts over HTTPS and fail.
 */
export function securityHeaders(mode: SentinelMode): RequestHandler {
  return replayed(helmetFor(mode));
}

function helmetFor(mode: SentinelMode): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        ...(mode === 'production' ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: mode === 'production',
  });
}

interface HeaderChanges {
  readonly set: ReadonlyArray<readonly [string, string | number | readonly string[]]>;
  readonly removed: readonly string[];
}

/**
 * Helmet's answer is the same for every request (no nonces, nothing read from the request), so
 * it is recorded once at boot and replayed: one middleware instead of helmet's chain of twelve.
 * The recording response only accepts setHeader/removeHeader, so should a future option read
 * the request or anything else, boot fails here rather than replaying a wrong answer.
 */
function replayed(middleware: RequestHandler): RequestHandler {
  const changes = recordHeaderChanges(middleware);
  return (_req, res, next) => {
    for (const [name, value] of changes.set) res.setHeader(name, value);
    for (const name of changes.removed) res.removeHeader(name);
    next();
  };
}

function recordHeaderChanges(middleware: RequestHandler): HeaderChanges {
  const set = new Map<string, string | number | readonly string[]>();
  const removed = new Set<string>();
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      removed.delete(name.toLowerCase());
      set.set(name.toLowerCase(), value);
      return response;
    },
    removeHeader(name: string) {
      set.delete(name.toLowerCase());
      removed.add(name.toLowerCase());
    },
  };
  let finished = false;
  let failure: unknown;
  const done = (error?: unknown): void => {
    finished = true;
    failure = error;
  };
  (middleware as unknown as (req: object, res: object, next: typeof done) => void)(
    Object.freeze({}),
    response,
    done,
  );
  if (!finished || failure !== undefined) {
    throw new Error(`security headers could not be precomputed: ${String(failure)}`);
  }
  return { set: [...set], removed: [...removed] };
}
