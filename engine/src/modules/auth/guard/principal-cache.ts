import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../common/auth';

/** Long enough to absorb a burst of requests, short enough to be the bound on staleness. */
export const PRINCIPAL_CACHE_TTL_MS = 1000;
const MAX_ENTRIES = 10_000;

interface Entry {
  readonly credentialsVersion: number;
  readonly principal: Principal;
  readonly expiresAtMs: number;
}

/**
 * Principals resolved in the last second, keyed by user id and valid only for the token's
 * credentialsVersion, so the guard does not read the account and its institution on every
 * request of a burst. Changes made in this process (password, enabled, roles) invalidate the
 * entry at once; on other instances of the engine a change takes effect within
 * PRINCIPAL_CACHE_TTL_MS. Uses the monotonic process clock, not the injectable Clock: this is a
 * performance bound, not a rule of the domain.
 */
@Injectable()
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();

  get(userId: string, credentialsVersion: number): Principal | undefined {
    const entry = this.entries.get(userId);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs <= performance.now() || entry.credentialsVersion !== credentialsVersion) {
      this.entries.delete(userId);
      return undefined;
    }
    return entry.principal;
  }

  set(principal: Principal, credentialsVersion: number): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(principal.userId, {
      credentialsVersion,
      principal,
      expiresAtMs: performance.now() + PRINCIPAL_CACHE_TTL_MS,
    });
  }

  invalidate(userId: string): void {
    this.entries.delete(userId);
  }
}
