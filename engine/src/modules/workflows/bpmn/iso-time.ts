/**
 * ISO 8601 forms both runtimes read the same way: durations as in the workflow meta-schema
 * (`P3D`, `PT24H`, `P1DT12H`; no fractions, no negative values) and instants with an explicit
 * offset (a bare local time would depend on each server's time zone).
 */
const DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoDuration(text: string): boolean {
  return DURATION.test(text);
}

export function isIsoInstant(text: string): boolean {
  return INSTANT.test(text) && !Number.isNaN(Date.parse(text));
}

/**
 * `from` plus an ISO 8601 duration (for due dates, reminders and timers): years, months, weeks and
 * days on the UTC calendar (China keeps no daylight saving, so a day is always 24 h; only a month
 * end clamped near midnight +08:00 can land a day apart from a Camunda server's local calendar),
 * hours, minutes and seconds as elapsed time. Null when the text is not such a duration.
 */
export function addIsoDuration(from: Date, duration: string): Date | null {
  const match = DURATION.exec(duration);
  if (match === null) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  const result = new Date(from.getTime());
  // Years and months first, clamped to the month's last day (31 Jan + P1M = 29 Feb), as java.time.
  const monthIndex =
    result.getUTCFullYear() * 12 + result.getUTCMonth() + (years ?? 0) * 12 + (months ?? 0);
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  result.setUTCFullYear(year, month, Math.min(result.getUTCDate(), lastDay));
  result.setUTCDate(result.getUTCDate() + (weeks ?? 0) * 7 + (days ?? 0));
  result.setTime(
    result.getTime() + (((hours ?? 0) * 60 + (minutes ?? 0)) * 60 + (seconds ?? 0)) * 1000,
  );
  return result;
}
