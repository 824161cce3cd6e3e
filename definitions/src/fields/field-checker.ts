import type { DictionaryIndex } from '../dictionaries/dictionary-index';

/** Reports one problem with a value: where (JSON pointer), what (code) and message parameters. */
export type IssueReporter = (
  path: string,
  code: string,
  params?: Readonly<Record<string, string | number>>,
) => void;

/** What a field check may depend on besides the value, fixed per submission. */
export interface FieldCheckContext {
  readonly dictionaries: DictionaryIndex;
  /** Local calendar date of `now` (YYYY-MM-DD) in the submission's offset. */
  readonly today: string;
  readonly nowMs: number;
  /** Re-validating a stored submission accepts dictionary items disabled since. */
  readonly allowDisabledItems: boolean;
}

/**
 * Checks a non-empty value of one field type. Returns true when the value has the right shape
 * for expressions to read it (content problems such as a bad check digit still return true).
 */
export type FieldChecker = (
  value: unknown,
  path: string,
  ctx: FieldCheckContext,
  report: IssueReporter,
) => boolean;

/** Whether a value counts as not filled in: null, absent, empty string, empty list or object. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string): string {
  return segment.includes('~') || segment.includes('/')
    ? segment.replace(/~/g, '~0').replace(/\//g, '~1')
    : segment;
}
