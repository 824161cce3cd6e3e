/** The parts of an ISO 8601 duration (`PnYnMnWnDTnHnMnS`); absent parts are 0. */
export interface IsoDuration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

// Integers for the calendar parts; seconds may carry a fraction (`PT1.5S`). At least one part
// must be present, and a `T` must be followed by a time part (`P1DT` is not a duration).
const ISO_DURATION =
  /^P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6}(?:\.\d{1,3})?)S)?)?$/;

/** `P3D`, `PT24H`, `P1DT2H` → parts; anything else (including `P`, `PT`, negatives) → null. */
export function parseIsoDuration(text: string): IsoDuration | null {
  const match = ISO_DURATION.exec(text);
  if (match === null || text === 'P' || text.endsWith('T')) return null;
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  const number = (part: string | undefined): number => (part === undefined ? 0 : Number(part));
  return {
    years: number(years),
    months: number(months),
    weeks: number(weeks),
    days: number(days),
    hours: number(hours),
    minutes: number(minutes),
    seconds: number(seconds),
  };
}

/**
 * `start` moved forward by the duration: years and months on the calendar (in UTC, so 31 Jan +
 * P1M lands in early March like `Date` does), the rest as exact elapsed time. Null when the text
 * is not a duration, so a bad deadline in a definition leaves the task without one rather than
 * failing the projection.
 */
export function addIsoDuration(start: Date, text: string): Date | null {
  const duration = parseIsoDuration(text);
  if (duration === null) return null;
  const result = new Date(start.getTime());
  if (duration.years !== 0 || duration.months !== 0) {
    result.setUTCMonth(result.getUTCMonth() + duration.years * 12 + duration.months);
  }
  const elapsedMs =
    ((((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 60 + duration.minutes) * 60 +
      duration.seconds) *
    1000;
  return new Date(result.getTime() + Math.round(elapsedMs));
}
