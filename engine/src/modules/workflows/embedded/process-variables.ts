import { InvalidVariablesError, type VariableValue, type Variables } from '../runtime';

/**
 * Names bpmn-engine spreads into its own expression and environment scopes (a variable called
 * `content` would shadow the message content), and the multi-instance counters the runtime
 * computes itself. Refused, so the same XML and variables behave alike on Operaton.
 */
export const RESERVED_VARIABLE_NAMES: ReadonlySet<string> = new Set([
  'fields',
  'content',
  'properties',
  'environment',
  'nrOfInstances',
  'nrOfActiveInstances',
  'nrOfCompletedInstances',
  'loopCounter',
]);

/** JUEL identifiers: what an expression in the XML can read. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const MAX_DEPTH = 10;
/** Variables live in the instance document: keep them far below MongoDB's 16 MB. */
const MAX_SERIALISED_CHARS = 256 * 1024;

/**
 * Checks and copies variables into the stored form: JSON only, dates as ISO 8601 strings,
 * `undefined` properties dropped. Throws `InvalidVariablesError` for reserved or malformed names,
 * functions, non-finite numbers and other non-JSON values.
 */
export function normaliseVariables(
  input: Variables | Record<string, unknown>,
): Record<string, VariableValue> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InvalidVariablesError('(root)', 'must be an object of named values');
  }
  const result: Record<string, VariableValue> = {};
  for (const [name, value] of Object.entries(input)) {
    if (!VARIABLE_NAME.test(name)) {
      throw new InvalidVariablesError(name, 'is not a valid name (letters, digits, _)');
    }
    if (RESERVED_VARIABLE_NAMES.has(name)) {
      throw new InvalidVariablesError(name, 'is a reserved name; choose another');
    }
    if (value === undefined) continue;
    result[name] = normaliseValue(value, name, 0);
  }
  if (JSON.stringify(result).length > MAX_SERIALISED_CHARS) {
    throw new InvalidVariablesError('(root)', `exceed ${MAX_SERIALISED_CHARS} characters as JSON`);
  }
  return result;
}

function normaliseValue(value: unknown, path: string, depth: number): VariableValue {
  if (depth > MAX_DEPTH) throw new InvalidVariablesError(path, `nests deeper than ${MAX_DEPTH}`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidVariablesError(path, 'is not a finite number');
    return value;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InvalidVariablesError(path, 'is an invalid date');
    return value.toISOString();
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown, index) =>
      normaliseValue(item ?? null, `${path}[${index}]`, depth + 1),
    );
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const copy: Record<string, VariableValue> = {};
    for (const [key, item] of Object.entries(value)) {
      // MongoDB reserves `$` prefixes and treats dots as paths.
      if (key.startsWith('$') || key.includes('.') || key === '__proto__') {
        throw new InvalidVariablesError(`${path}.${key}`, 'has a key MongoDB cannot store');
      }
      if (item !== undefined) copy[key] = normaliseValue(item, `${path}.${key}`, depth + 1);
    }
    return copy;
  }
  throw new InvalidVariablesError(path, `is a ${typeof value}, not a JSON value`);
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
