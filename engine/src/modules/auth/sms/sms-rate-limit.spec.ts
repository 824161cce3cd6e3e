import { smsRetryAfterSeconds } from './sms-rate-limit';

const start = new Date('2026-03-01T08:00:00Z');
const at = (minutes: number): Date => new Date(start.getTime() + minutes * 60_000);

describe('smsRetryAfterSeconds', () => {
  it('given no earlier codes, when asked, then allowed', () => {
    expect(smsRetryAfterSeconds([], at(0))).toBeNull();
  });

  it('given a code 30 seconds ago, when asked, then refused for the other 30 seconds', () => {
    expect(smsRetryAfterSeconds([at(0)], at(0.5))).toBe(30);
  });

  it('given a code exactly a minute ago, when asked, then allowed', () => {
    expect(smsRetryAfterSeconds([at(0)], at(1))).toBeNull();
  });

  it('given four codes this hour a minute apart, when a fifth is asked, then allowed', () => {
    expect(smsRetryAfterSeconds([at(0), at(1), at(2), at(3)], at(4))).toBeNull();
  });

  it('given five codes this hour, when a sixth is asked, then refused until the oldest leaves the hour', () => {
    expect(smsRetryAfterSeconds([at(0), at(1), at(2), at(3), at(4)], at(10))).toBe(50 * 60);
  });

  it('given six codes ahead (a concurrent burst), when asked, then refused until the second oldest leaves', () => {
    expect(smsRetryAfterSeconds([at(0), at(1), at(2), at(3), at(4), at(5)], at(10))).toBe(51 * 60);
  });
});
