import type { AccessClaims } from '../tokens/access-token.codec';

/** Same bound as the principal cache: nothing the guard remembers outlives a second. */
export const VERIFIED_TOKEN_TTL_MS = 1000;
const MAX_ENTRIES = 10_000;

interface Entry {
  readonly claims: AccessClaims;
  /** The clock's second when the signature was checked. */
  readonly verifiedAtSeconds: number;
  readonly expiresAtMs: number;
}

/**
 * Access tokens whose signature and claims were checked in the last second, so a burst of
 * requests with one token pays for the HMAC and the claim parsing once. A hit answers exactly
 * what verifying again would: the entry is used only while the token is unexpired on the
 * injected clock and that clock has not gone back before the check (so `iat` is still not in
 * the future). Keyed by the whole token string: only a token that verified can ever hit.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();

  get(token: string, nowSeconds: number): AccessClaims | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (
      entry.expiresAtMs <= performance.now() ||
      entry.claims.exp <= nowSeconds ||
      nowSeconds < entry.verifiedAtSeconds
    ) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  set(token: string, claims: AccessClaims, nowSeconds: number): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, {
      claims,
      verifiedAtSeconds: nowSeconds,
      expiresAtMs: performance.now() + VERIFIED_TOKEN_TTL_MS,
    });
  }
}
