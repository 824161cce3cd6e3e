import type { NumberField } from '../types/form.types';
import type { FieldChecker } from './field-checker';

/** Decimal places of a finite number as written by JSON.stringify (1e-7 → 7). */
function decimalPlaces(value: number): number {
  if (Number.isInteger(value)) return 0;
  const text = String(value);
  const exp = text.indexOf('e-');
  if (exp >= 0) {
    const mantissa = text.slice(0, exp);
    const dot = mantissa.indexOf('.');
    return Number(text.slice(exp + 2)) + (dot >= 0 ? mantissa.length - dot - 1 : 0);
  }
  return text.length - text.indexOf('.') - 1;
}

/** Number and integer: a finite JSON number (strings are not coerced) within bounds and precision. */
export function numberChecker(field: NumberField): FieldChecker {
  const integer = field.type === 'integer';
  return (value, path, _ctx, report) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      report(path, 'wrong-type');
      return false;
    }
    if (integer && !Number.isInteger(value)) {
      report(path, 'not-integer');
      return false;
    }
    if (field.min !== undefined && value < field.min)
      report(path, 'below-minimum', { min: field.min });
    else if (field.max !== undefined && value > field.max)
      report(path, 'above-maximum', { max: field.max });
    else if (!integer && field.precision !== undefined && decimalPlaces(value) > field.precision) {
      report(path, 'too-precise', { precision: field.precision });
    }
    return true;
  };
}
