import type { DateField } from '../types/form.types';
import type { FieldChecker } from './field-checker';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Offset required: a datetime without one is ambiguous across the server and the phone. */
const DATETIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/** Whether `YYYY-MM-DD` names a real calendar day. */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Date (`YYYY-MM-DD`) and datetime (ISO 8601 with offset), optionally not after now. */
export function dateChecker(field: DateField): FieldChecker {
  if (field.type === 'date') {
    return (value, path, ctx, report) => {
      if (typeof value !== 'string') {
        report(path, 'wrong-type');
        return false;
      }
      if (!isCalendarDate(value)) {
        report(path, 'invalid-date');
        return false;
      }
      if (field.notFuture === true && value > ctx.today) report(path, 'in-future');
      return true;
    };
  }
  return (value, path, ctx, report) => {
    if (typeof value !== 'string') {
      report(path, 'wrong-type');
      return false;
    }
    const match = DATETIME.exec(value);
    if (match === null || !isCalendarDate(match[1] as string)) {
      report(path, 'invalid-datetime');
      return false;
    }
    if (field.notFuture === true && Date.parse(value) > ctx.nowMs) report(path, 'in-future');
    return true;
  };
}
