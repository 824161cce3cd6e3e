/**
 * Brute-force protection for password logins: five failures within a 15-minute window lock the
 * account for 15 minutes. Pure arithmetic over the state stored on the account, so the rule is
 * unit-tested without a database or a clock.
 */
export const MAX_FAILED_LOGINS = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_DURATION_MS = 15 * 60_000;

export interface LoginThrottleState {
  /** Failures counted in the current window. */
  readonly failedLogins: number;
  /** When the first failure of the current window happened. */
  readonly failureWindowStartedAt: Date | null;
  readonly lockedUntil: Date | null;
}

export const CLEAR_THROTTLE: LoginThrottleState = {
  failedLogins: 0,
  failureWindowStartedAt: null,
  lockedUntil: null,
};

/** Whole minutes left on a lock (rounded up, so "1 minute" until the very end), or 0. */
export function lockMinutesRemaining(state: LoginThrottleState, now: Date): number {
  if (state.lockedUntil === null) return 0;
  const remaining = state.lockedUntil.getTime() - now.getTime();
  return remaining > 0 ? Math.ceil(remaining / 60_000) : 0;
}

/**
 * The state after one more failure: a failure outside the window starts a new one; the fifth
 * in a window sets the lock and clears the count, so the account starts afresh once unlocked.
 * A failure while locked (a request that passed the lock check just before the lock was set)
 * changes nothing: it must neither extend nor, worse, clear the lock.
 */
export function afterFailedLogin(state: LoginThrottleState, now: Date): LoginThrottleState {
  if (lockMinutesRemaining(state, now) > 0) return state;
  const windowOpen =
    state.failureWindowStartedAt !== null &&
    now.getTime() - state.failureWindowStartedAt.getTime() < FAILURE_WINDOW_MS;
  const failedLogins = windowOpen ? state.failedLogins + 1 : 1;
  if (failedLogins >= MAX_FAILED_LOGINS) {
    return { ...CLEAR_THROTTLE, lockedUntil: new Date(now.getTime() + LOCK_DURATION_MS) };
  }
  return {
    failedLogins,
    failureWindowStartedAt: windowOpen ? state.failureWindowStartedAt : now,
    lockedUntil: null,
  };
}
