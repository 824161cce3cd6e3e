import type { ValueType } from './expression-api';

/** Constructors for `ValueType`s, so callers write `T.number('°C')` instead of object literals. */
export const T = {
  number: (unit?: string): ValueType => (unit ? { kind: 'number', unit } : { kind: 'number' }),
  string: (): ValueType => ({ kind: 'string' }),
  boolean: (): ValueType => ({ kind: 'boolean' }),
  date: (): ValueType => ({ kind: 'date' }),
  datetime: (): ValueType => ({ kind: 'datetime' }),
  null: (): ValueType => ({ kind: 'null' }),
  list: (of: ValueType): ValueType => ({ kind: 'list', of }),
  record: (fields: Readonly<Record<string, ValueType>>): ValueType => ({ kind: 'record', fields }),
} as const;

/** The checker's view of a type: a `ValueType`, or `error` after a diagnostic (stops cascades). */
export type CheckedType = ValueType | { readonly kind: 'error' };

/** The single error type instance. */
export const ERROR_TYPE: CheckedType = { kind: 'error' };

/** Human-readable type, used in diagnostics: `number(°C)`, `list<string>`. */
export function formatType(type: CheckedType): string {
  switch (type.kind) {
    case 'number':
      return type.unit ? `number(${type.unit})` : 'number';
    case 'list':
      return `list<${formatType(type.of)}>`;
    case 'record':
      return `record{${Object.keys(type.fields).join(', ')}}`;
    default:
      return type.kind;
  }
}

/** Two units are compatible when equal or when either is absent (a unitless literal). */
export function unitsCompatible(a: string | undefined, b: string | undefined): boolean {
  return !a || !b || a === b;
}

/** The first unit present, for the result of adding a unitless literal to a measured value. */
export function mergeUnit(a: string | undefined, b: string | undefined): string | undefined {
  return a || b || undefined;
}

/**
 * Whether values of two types may meet (in `==`, a conditional's branches, a list literal).
 * `null` meets anything; units are checked separately so they get their own diagnostic.
 */
export function typesCompatible(a: CheckedType, b: CheckedType): boolean {
  if (a.kind === 'error' || b.kind === 'error' || a.kind === 'null' || b.kind === 'null')
    return true;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'list' && b.kind === 'list') return typesCompatible(a.of, b.of);
  if (a.kind === 'record' && b.kind === 'record') return a === b;
  return true;
}

/** Whether two compatible number-ish types carry different units (`°C` against `kg`). */
export function unitsClash(a: CheckedType, b: CheckedType): boolean {
  if (a.kind === 'number' && b.kind === 'number') return !unitsCompatible(a.unit, b.unit);
  if (a.kind === 'list' && b.kind === 'list') return unitsClash(a.of, b.of);
  return false;
}

/** The common type of two compatible types (a `null` branch takes the other's type). */
export function unifyTypes(a: CheckedType, b: CheckedType): CheckedType {
  if (a.kind === 'error' || b.kind === 'error') return ERROR_TYPE;
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'number' && b.kind === 'number') return T.number(mergeUnit(a.unit, b.unit));
  if (a.kind === 'list' && b.kind === 'list') {
    const of = unifyTypes(a.of, b.of);
    return of.kind === 'error' ? ERROR_TYPE : T.list(of);
  }
  return a;
}

/** Whether a value of `actual` type may be used where `expected` is required. */
export function isAssignable(actual: CheckedType, expected: ValueType): boolean {
  if (actual.kind === 'error' || actual.kind === 'null') return true;
  if (actual.kind !== expected.kind) return false;
  if (actual.kind === 'number' && expected.kind === 'number') {
    return unitsCompatible(actual.unit, expected.unit);
  }
  if (actual.kind === 'list' && expected.kind === 'list')
    return isAssignable(actual.of, expected.of);
  return true;
}
