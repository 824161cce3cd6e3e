import type { PhoneField, TextField } from '../types/form.types';
import type { FieldChecker } from './field-checker';

/** Anything that tests a whole string (a compiled safe pattern). */
export interface StringTester {
  test(input: string): boolean;
}

const DEFAULT_MAX = { text: 200, textarea: 2000 } as const;

/** Text and textarea: a string within length limits and, optionally, matching a safe pattern. */
export function textChecker(field: TextField, pattern: StringTester | null): FieldChecker {
  const max = field.maxLength ?? DEFAULT_MAX[field.type];
  const min = field.minLength ?? 0;
  return (value, path, _ctx, report) => {
    if (typeof value !== 'string') {
      report(path, 'wrong-type');
      return false;
    }
    if (value.length > max) report(path, 'too-long', { max });
    else if (value.length < min) report(path, 'too-short', { min });
    else if (pattern !== null && !pattern.test(value)) report(path, 'pattern-mismatch');
    return true;
  };
}

/** Mainland mobile: 11 digits starting 13–19; no spaces or +86 (the renderer strips them). */
const MOBILE = /^1[3-9]\d{9}$/;

/** Phone: a mainland China mobile number. */
export function phoneChecker(_field: PhoneField): FieldChecker {
  return (value, path, _ctx, report) => {
    if (typeof value !== 'string') {
      report(path, 'wrong-type');
      return false;
    }
    if (!MOBILE.test(value)) report(path, 'invalid-phone');
    return true;
  };
}
