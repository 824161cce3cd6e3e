import type { EvaluationContext } from './expression-api';

/** Calendar arithmetic on `YYYY-MM-DD` strings, done in whole UTC days so no time zone leaks in. */

const MS_PER_DAY = 86_400_000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Days since 1970-01-01 for a valid calendar date, otherwise `undefined` (e.g. `2026-02-30`). */
export function dayNumber(text: string): number | undefined {
  const m = DATE_SHAPE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day
  ) {
    return undefined;
  }
  return ms / MS_PER_DAY;
}

/** Whether `text` is a real calendar date in `YYYY-MM-DD` form. */
export function isValidDate(text: string): boolean {
  return dayNumber(text) !== undefined;
}

/** Epoch milliseconds of an ISO datetime with an explicit offset, otherwise `undefined`. */
export function datetimeMillis(text: string): number | undefined {
  if (!DATETIME_SHAPE.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The local calendar date of an instant at a UTC offset, as `YYYY-MM-DD`. */
export function localDate(instant: Date, utcOffsetMinutes: number): string {
  const shifted = new Date(instant.getTime() + utcOffsetMinutes * 60_000);
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1, 2)}-${pad(shifted.getUTCDate(), 2)}`;
}

/** `today()` for an evaluation context. */
export function today(context: EvaluationContext): string {
  return localDate(context.now, context.utcOffsetMinutes);
}

/** Whole years from `birth` to `on` (both valid dates); a 29 February birthday counts from 1 March. */
export function wholeYears(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = on.split('-').map(Number) as [number, number, number];
  let years = ty - by;
  if (tm < bm || (tm === bm && td < bd)) years--;
  return years;
}
