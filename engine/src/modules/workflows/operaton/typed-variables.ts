import type { VariableValue, Variables } from '../runtime';
import type { RestTypedValue, RestVariables } from './engine-rest.types';

/**
 * Our JSON variables ↔ engine-rest's typed values. Every value is sent with an explicit type
 * (an untyped value makes Operaton guess, and objects would need a Java class):
 * null → Null, boolean → Boolean, integer in int32 → Integer, other safe integer → Long,
 * other number → Double, string → String, array/object → Json (Spin's JSON type, serialized).
 * Operaton keeps a String in a VARCHAR(4000) column, so a longer string travels as Json (a JSON
 * string literal, stored as bytes) and reads back as the same string.
 */
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
export const STRING_COLUMN_LIMIT = 4000;

export function toTypedValue(value: VariableValue): RestTypedValue {
  if (value === null) return { value: null, type: 'Null' };
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('a process variable must be a finite number');
    if (Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX)
      return { value, type: 'Integer' };
    if (Number.isSafeInteger(value)) return { value, type: 'Long' };
    return { value, type: 'Double' };
  }
  if (typeof value === 'string') {
    return value.length > STRING_COLUMN_LIMIT
      ? { value: JSON.stringify(value), type: 'Json' }
      : { value, type: 'String' };
  }
  return { value: JSON.stringify(value), type: 'Json' };
}

export function toTypedVariables(variables: Variables): Record<string, RestTypedValue> {
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [name, toTypedValue(value)]),
  );
}

function isDateLike(value: unknown): value is { toISOString(): string } {
  // The external task client lives in Node's module realm, so `instanceof Date` can be false.
  return Object.prototype.toString.call(value) === '[object Date]';
}

function parseJson(value: unknown): VariableValue {
  if (typeof value !== 'string') return (value ?? null) as VariableValue;
  try {
    return JSON.parse(value) as VariableValue;
  } catch {
    return null;
  }
}

/**
 * A typed value from engine-rest (or from the external task client, which already parsed Json
 * and Date) → our JSON value. Types we never write (Bytes, File, Object, Xml) read as null
 * rather than leaking a Java serialization into process variables.
 */
export function fromTypedValue(typed: {
  readonly type?: string | null;
  readonly value: unknown;
}): VariableValue {
  const type = (typed.type ?? '').toLowerCase();
  const value = typed.value;
  switch (type) {
    case 'null':
      return null;
    case 'string':
      return typeof value === 'string' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'integer':
    case 'long':
    case 'short':
    case 'double':
      return typeof value === 'number' ? value : null;
    case 'json':
      return parseJson(value);
    case 'date':
      if (isDateLike(value)) return value.toISOString();
      return typeof value === 'string' ? value : null;
    default:
      return null;
  }
}

export function fromTypedVariables(
  variables: Readonly<Record<string, { readonly type?: string | null; readonly value: unknown }>>,
): Record<string, VariableValue> {
  return Object.fromEntries(
    Object.entries(variables).map(([name, typed]) => [name, fromTypedValue(typed)]),
  );
}

export type { RestVariables };
