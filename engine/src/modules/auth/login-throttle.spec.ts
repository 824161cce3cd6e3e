import {
  afterFailedLogin,
  CLEAR_THROTTLE,
  lockMinutesRemaining,
  type LoginThrottleState,
} from './login-throttle';

const start = new Date('2026-03-01T08:00:00Z');
const at = (minutes: number): Date => new Date(start.getTime() + minutes * 60_000);

function failAt(minutes: readonly number[], from: LoginThrottleState = CLEAR_THROTTLE) {
  return minutes.reduce((state, minute) => afterFailedLogin(state, at(minute)), from);
}

describe('login throttle', () => {
  it('given four failures within the window, when counted, then not locked', () => {
    const sut = failAt([0, 1, 2, 3]);

    expect(sut.failedLogins).toBe(4);
    expect(lockMinutesRemaining(sut, at(3))).toBe(0);
  });

  it('given a fifth failure within 15 minutes, when counted, then locked for 15 minutes from it', () => {
    const sut = failAt([0, 1, 2, 3, 14]);

    expect(sut.lockedUntil).toEqual(at(29));
    expect(sut.failedLogins).toBe(0);
    expect(lockMinutesRemaining(sut, at(14))).toBe(15);
    expect(lockMinutesRemaining(sut, at(28.5))).toBe(1);
    expect(lockMinutesRemaining(sut, at(29))).toBe(0);
  });

  it('given the first failure is 15 minutes old, when a fifth comes, then a new window starts instead of a lock', () => {
    const sut = failAt([0, 1, 2, 3, 15]);

    expect(sut.lockedUntil).toBeNull();
    expect(sut.failedLogins).toBe(1);
    expect(sut.failureWindowStartedAt).toEqual(at(15));
  });

  it('given a lock has run out, when the next failure comes, then counting starts from one', () => {
    const locked = failAt([0, 1, 2, 3, 4]);

    const sut = afterFailedLogin(locked, at(30));

    expect(sut).toEqual({ failedLogins: 1, failureWindowStartedAt: at(30), lockedUntil: null });
  });

  it('given a locked account, when a late failure arrives, then the lock stays exactly as it was', () => {
    const locked = failAt([0, 1, 2, 3, 4]);

    expect(afterFailedLogin(locked, at(5))).toBe(locked);
  });
});
