/** At most one code a minute and five an hour per phone number (issue #4). */
export const SMS_MIN_INTERVAL_MS = 60_000;
export const SMS_HOURLY_LIMIT = 5;
export const SMS_HOUR_MS = 3_600_000;

/**
 * Whether a request may send, given the codes for the same phone issued ahead of it within the
 * last hour (oldest first). Returns null to allow, or the seconds until a retry would be allowed.
 */
export function smsRetryAfterSeconds(ahead: readonly Date[], now: Date): number | null {
  const nowMs = now.getTime();
  let allowedAt = nowMs;
  const last = ahead.at(-1);
  if (last !== undefined && nowMs - last.getTime() < SMS_MIN_INTERVAL_MS) {
    allowedAt = Math.max(allowedAt, last.getTime() + SMS_MIN_INTERVAL_MS);
  }
  // With five or more ahead, the request becomes allowed once enough of them leave the hour.
  const blocker = ahead.at(-SMS_HOURLY_LIMIT);
  if (blocker !== undefined) {
    allowedAt = Math.max(allowedAt, blocker.getTime() + SMS_HOUR_MS);
  }
  return allowedAt > nowMs ? Math.ceil((allowedAt - nowMs) / 1000) : null;
}
