import helmet from 'helmet';
import type { RequestHandler } from 'express';
import type { SentinelMode } from '../../config';

/**
 * Helmet with a CSP that the Swagger UI page satisfies (external scripts only, inline styles,
 * data: images). upgrade-insecure-requests is left to production: a demo reached over plain
 * HTTP on a clinic LAN would otherwise have the browser fetch its scripts over HTTPS and fail.
 */
export function securityHeaders(mode: SentinelMode): RequestHandler {
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
