import { randomBytes } from 'node:crypto';
import { equalBytes, hmacSm3 } from '../../../crypto';

/**
 * Access tokens in the JWT compact form (`header.payload.signature`, base64url) so ordinary
 * tooling can read them, signed with HMAC-SM3 under the algorithm name `HSM3`. The header is
 * fixed: verification compares it byte for byte, so `alg: none` or any other algorithm is
 * refused without ever being interpreted.
 */
export const ACCESS_TOKEN_HEADER = '{"alg":"HSM3","typ":"JWT"}';
const ENCODED_HEADER = Buffer.from(ACCESS_TOKEN_HEADER).toString('base64url');

/** Longer than any token we issue; bounds the work spent on garbage. */
const MAX_TOKEN_LENGTH = 1024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Tolerated clock difference between instances for `iat`. */
const ISSUED_AT_SKEW_SECONDS = 60;
const SIGNATURE_BYTES = 32;

/** What an access token says; times are seconds since the epoch. */
export interface AccessClaims {
  /** User id. */
  readonly sub: string;
  /** The account's credentialsVersion when issued; a password change makes older tokens stale. */
  readonly ver: number;
  readonly iat: number;
  readonly exp: number;
  /** Random id, so two tokens issued in the same second differ and logs can name one. */
  readonly jti: string;
}

export type AccessTokenRejection = 'malformed' | 'algorithm' | 'signature' | 'expired';

export type AccessTokenResult =
  | { readonly ok: true; readonly claims: AccessClaims }
  | { readonly ok: false; readonly reason: AccessTokenRejection };

export function newTokenId(): string {
  return randomBytes(16).toString('base64url');
}

export function signAccessToken(claims: AccessClaims, secret: Buffer): string {
  const payload = Buffer.from(
    JSON.stringify({
      sub: claims.sub,
      ver: claims.ver,
      iat: claims.iat,
      exp: claims.exp,
      jti: claims.jti,
    }),
  ).toString('base64url');
  const signingInput = `${ENCODED_HEADER}.${payload}`;
  return `${signingInput}.${hmacSm3(secret, signingInput).toString('base64url')}`;
}

/** Checks shape, header, signature (constant time) and expiry, in that order; never throws. */
export function verifyAccessToken(
  token: string,
  secret: Buffer,
  nowSeconds: number,
): AccessTokenResult {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [header, payload, signature] = parts as [string, string, string];
  if (![header, payload, signature].every((part) => BASE64URL.test(part))) {
    return { ok: false, reason: 'malformed' };
  }
  if (header !== ENCODED_HEADER) return { ok: false, reason: 'algorithm' };

  const expected = hmacSm3(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  // Non-canonical base64url (extra trailing bits) would decode to the same bytes: refuse it.
  if (given.length !== SIGNATURE_BYTES || given.toString('base64url') !== signature) {
    return { ok: false, reason: 'signature' };
  }
  if (!equalBytes(expected, given)) return { ok: false, reason: 'signature' };

  const claims = parseClaims(payload);
  if (claims === null) return { ok: false, reason: 'malformed' };
  if (claims.exp <= nowSeconds || claims.iat > nowSeconds + ISSUED_AT_SKEW_SECONDS) {
    return { ok: false, reason: 'expired' };
  }
  return { ok: true, claims };
}

/** The payload is signed by us, but still checked field by field: a leaked secret is not the only risk. */
function parseClaims(payload: string): AccessClaims | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { sub, ver, iat, exp, jti } = value as Record<string, unknown>;
  if (typeof sub !== 'string' || sub.length === 0 || typeof jti !== 'string') return null;
  if (![ver, iat, exp].every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) return null;
  return { sub, ver: ver as number, iat: iat as number, exp: exp as number, jti };
}
