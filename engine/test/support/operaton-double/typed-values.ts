/**
 * engine-rest's variable value objects (`{ value, type, valueInfo }`) as the Operaton double
 * reads and writes them. The double is deliberately STRICTER than engine-rest where our adapter
 * must never rely on leniency: a value without `type` (engine-rest would store an "untyped"
 * value and guess), and a number sent as a string (engine-rest would let Jackson convert it),
 * are refused with 400, so a contract test catches an adapter that stops typing its variables.
 */
export type StoredType =
  'String' | 'Integer' | 'Long' | 'Double' | 'Boolean' | 'Null' | 'Json' | 'Date';

export interface StoredValue {
  readonly type: StoredType;
  /** JSON-compatible: `Json` keeps its serialized text, as engine-rest returns it. */
  readonly value: string | number | boolean | null;
}

export interface RestVariableValue {
  readonly type: StoredType;
  readonly value: string | number | boolean | null;
  readonly valueInfo: Record<string, never>;
}

/** Camunda's `VARCHAR(4000)` text column: longer `String` values fail at the database. */
export const STRING_COLUMN_LIMIT = 4000;
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

export class VariableRequestError extends Error {}

/** engine-rest lower-cases the first letter of a type name before resolving it ("String" → "string"). */
function canonicalType(type: string): StoredType | null {
  const resolved = type.charAt(0).toLowerCase() + type.slice(1);
  const known: Record<string, StoredType> = {
    string: 'String',
    integer: 'Integer',
    long: 'Long',
    double: 'Double',
    boolean: 'Boolean',
    null: 'Null',
    json: 'Json',
    date: 'Date',
  };
  return known[resolved] ?? null;
}

function parseOne(name: string, raw: unknown): StoredValue {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new VariableRequestError(`variable ${name} is not a variable value object`);
  }
  const { type, value } = raw as { type?: unknown; value?: unknown };
  if (typeof type !== 'string') {
    throw new VariableRequestError(
      `variable ${name} has no type (the double refuses untyped values)`,
    );
  }
  const canonical = canonicalType(type);
  if (canonical === null) {
    throw new VariableRequestError(`Unsupported value type '${type}'`);
  }
  const fail = (): never => {
    throw new VariableRequestError(
      `Cannot convert value '${String(value)}' of type '${type}' for variable ${name}`,
    );
  };
  switch (canonical) {
    case 'Null':
      return { type: 'Null', value: null };
    case 'String':
    case 'Date':
      if (value === null) return { type: canonical, value: null };
      return typeof value === 'string' ? { type: canonical, value } : fail();
    case 'Json':
      if (typeof value !== 'string') return fail();
      try {
        JSON.parse(value);
      } catch {
        return fail();
      }
      return { type: 'Json', value };
    case 'Boolean':
      return typeof value === 'boolean' ? { type: 'Boolean', value } : fail();
    case 'Integer':
      return Number.isInteger(value) && (value as number) >= INT_MIN && (value as number) <= INT_MAX
        ? { type: 'Integer', value: value as number }
        : fail();
    case 'Long':
      return Number.isSafeInteger(value) ? { type: 'Long', value: value as number } : fail();
    case 'Double':
      return typeof value === 'number' && Number.isFinite(value)
        ? { type: 'Double', value }
        : fail();
  }
}

/** Parses a `variables` map of a request; undefined/null → empty. */
export function parseVariables(raw: unknown): Map<string, StoredValue> {
  const variables = new Map<string, StoredValue>();
  if (raw === undefined || raw === null) return variables;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new VariableRequestError('variables must be an object');
  }
  for (const [name, value] of Object.entries(raw)) variables.set(name, parseOne(name, value));
  return variables;
}

export function toRest(value: StoredValue): RestVariableValue {
  return { type: value.type, value: value.value, valueInfo: {} };
}

/** The plain value expressions see (a Json value parsed). */
export function plainValue(value: StoredValue): string | number | boolean | null | object {
  if (value.type === 'Json' && typeof value.value === 'string') {
    return JSON.parse(value.value) as object;
  }
  return value.value;
}

/** A value the double itself creates (loopCounter, nrOfInstances, ...). */
export function integerValue(value: number): StoredValue {
  return { type: 'Integer', value };
}
