import { Injectable } from '@nestjs/common';
import { UserRepository } from '../accounts/user.repository';
import type { UserDocument } from '../accounts/user.schema';
import { Clock } from '../../../common/clock';
import { afterFailedLogin, lockMinutesRemaining, type LoginThrottleState } from '../login-throttle';

/** Compare-and-set retries before giving up on counting one failure (only under heavy contention). */
const MAX_CAS_ATTEMPTS = 5;

/** Stores the login throttle on the account: lock checks, failures, resets. */
@Injectable()
export class LoginAttempts {
  constructor(
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  /** Minutes the account stays locked, 0 when it is not. */
  lockedMinutes(user: UserDocument): number {
    return lockMinutesRemaining(throttleOf(user), this.clock.now());
  }

  /**
   * Counts one failure. Concurrent failures retry against the state that won, so a burst of
   * parallel guesses still locks after five.
   */
  async recordFailure(user: UserDocument): Promise<void> {
    let current: LoginThrottleState = throttleOf(user);
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const next = afterFailedLogin(current, this.clock.now());
      if (next === current) return;
      if (await this.users.replaceThrottle(user._id, current, next)) return;
      const reread = await this.users.findById(user._id.toHexString());
      if (reread === null) return;
      current = throttleOf(reread);
    }
  }

  async recordSuccess(user: UserDocument, rehashed?: string): Promise<void> {
    await this.users.recordSuccessfulLogin(user._id, rehashed);
  }
}

function throttleOf(user: UserDocument): LoginThrottleState {
  return {
    failedLogins: user.failedLogins,
    failureWindowStartedAt: user.failureWindowStartedAt,
    lockedUntil: user.lockedUntil,
  };
}
