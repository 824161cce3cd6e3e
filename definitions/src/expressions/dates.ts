import type { EvaluationContext } from './expression-api';

/** Calendar arithmetic on `YYYY-MM-DD` strings, done in whole UTC days so no time zone leaks in. */

const DATETIME_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Value of `count` ASCII digits at `at`, or -1 when any of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Days since 1970-01-01 for a valid calendar date, otherwise `undefined` (e.g. `2026-02-30`).
 * Parsed by character codes rather than a RegExp and `Date`: rules call it on every evaluation.
 */
export function dayNumber(text: string): number | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45)
    return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const monthLength = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  return day > monthLength ? undefined : daysFromCivil(year, month, day);
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

/** The last context's answer: one evaluation asks for today() many times with the same context. */
let lastToday: { nowMs: number; offset: number; date: string } | undefined;

/** `today()` for an evaluation context. */
export function today(context: EvaluationContext): string {
  const nowMs = context.now.getTime();
  const offset = context.utcOffsetMinutes;
  if (lastToday?.nowMs !== nowMs || lastToday.offset !== offset) {
    lastToday = { nowMs, offset, date: localDate(context.now, offset) };
  }
  return lastToday.date;
}

/** Whole years from `birth` to `on` (both valid dates); a 29 February birthday counts from 1 March. */
export function wholeYears(birth: string, on: string): number {
  // Month and day compared as one number (MMDD) so no arrays are built per call.
  const birthMonthDay = digitsAt(birth, 5, 2) * 100 + digitsAt(birth, 8, 2);
  const onMonthDay = digitsAt(on, 5, 2) * 100 + digitsAt(on, 8, 2);
  const years = digitsAt(on, 0, 4) - digitsAt(birth, 0, 4);
  return onMonthDay < birthMonthDay ? years - 1 : years;
}
