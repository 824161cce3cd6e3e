import { FORBIDDEN_PROPERTIES, JuelEvaluationError } from './juel-errors';
import type { BinaryOperator, JuelNode } from './juel-parser';

/** A compiled node: reads variables through `lookup`, never through the JS scope. */
export type Evaluator = (lookup: (name: string) => unknown) => unknown;

/*
 * Coercion, kept to a documented subset of EL 2.2 §1.8–1.9 so both runtimes agree on the XML
 * actually deployed (strings, numbers, booleans and null compared with one another):
 * - A missing variable or property is null.
 * - `==`/`!=`: identical values are equal; null equals only null; a number and a numeric string
 *   compare as numbers; a boolean and the string "true"/"false" compare as booleans; anything
 *   else compares strictly (so `1 == 'x'` is false instead of EL's coercion error).
 * - `< > <= >=`: numbers (or numeric strings against a number) numerically, two strings by code
 *   unit order; a null operand gives false; other mixes are an evaluation error.
 * - `+ - * / %` and unary minus: operands coerced to numbers (null is 0, numeric strings parse);
 *   `+` never concatenates (as in EL). `/` always divides as doubles; division by zero follows
 *   IEEE (Infinity/NaN) as EL's double arithmetic does.
 * - `&& || ! ?:`: booleans; null is false; "true"/"false" (any case) coerce; else an error.
 *   `&&` and `||` short-circuit.
 * - `empty x`: true for null, "", an empty list or an object without own properties.
 * - Property access reads own properties of plain objects and integer indexes of arrays; any
 *   other base (string, date, class instance) is an error, and prototype names are refused.
 */
export function compileNode(node: JuelNode): Evaluator {
  switch (node.kind) {
    case 'literal': {
      const value = node.value;
      return () => value;
    }
    case 'identifier': {
      const name = node.name;
      return (lookup) => lookup(name) ?? null;
    }
    case 'member': {
      const object = compileNode(node.object);
      const property = compileNode(node.property);
      return (lookup) => readProperty(object(lookup), property(lookup));
    }
    case 'unary':
      return compileUnary(node.operator, compileNode(node.operand));
    case 'binary':
      return compileBinary(node.operator, compileNode(node.left), compileNode(node.right));
    case 'conditional': {
      const test = compileNode(node.test);
      const consequent = compileNode(node.consequent);
      const alternate = compileNode(node.alternate);
      return (lookup) => (toBoolean(test(lookup)) ? consequent(lookup) : alternate(lookup));
    }
  }
}

function compileUnary(operator: '!' | '-' | 'empty', operand: Evaluator): Evaluator {
  if (operator === '!') return (lookup) => !toBoolean(operand(lookup));
  if (operator === '-') return (lookup) => -toNumber(operand(lookup));
  return (lookup) => isEmpty(operand(lookup));
}

function compileBinary(operator: BinaryOperator, left: Evaluator, right: Evaluator): Evaluator {
  switch (operator) {
    case '&&':
      return (lookup) => toBoolean(left(lookup)) && toBoolean(right(lookup));
    case '||':
      return (lookup) => toBoolean(left(lookup)) || toBoolean(right(lookup));
    case '==':
      return (lookup) => looselyEqual(left(lookup), right(lookup));
    case '!=':
      return (lookup) => !looselyEqual(left(lookup), right(lookup));
    case '<':
    case '>':
    case '<=':
    case '>=':
      return (lookup) => compare(operator, left(lookup), right(lookup));
    default:
      return (lookup) => arithmetic(operator, toNumber(left(lookup)), toNumber(right(lookup)));
  }
}

function arithmetic(operator: '+' | '-' | '*' | '/' | '%', a: number, b: number): number {
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
  }
}

function readProperty(base: unknown, key: unknown): unknown {
  if (base === null || base === undefined) return null;
  if (typeof key === 'string' && FORBIDDEN_PROPERTIES.has(key))
    throw new JuelEvaluationError({
      zh: `不允许访问“${key}”`,
      en: `Access to "${key}" is not allowed`,
    });
  if (Array.isArray(base)) {
    const index = typeof key === 'string' && key.trim() !== '' ? Number(key) : key;
    if (typeof index !== 'number' || !Number.isInteger(index)) return null;
    return index >= 0 && index < base.length ? (base[index] ?? null) : null;
  }
  if (isPlainObject(base)) {
    if (typeof key !== 'string' && typeof key !== 'number') return null;
    const name = String(key);
    return Object.prototype.hasOwnProperty.call(base, name)
      ? ((base as Record<string, unknown>)[name] ?? null)
      : null;
  }
  throw new JuelEvaluationError({
    zh: '只能读取对象或列表的属性',
    en: 'Properties can only be read from objects and lists',
  });
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}

function toBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.toLowerCase() === 'true';
  throw new JuelEvaluationError({
    zh: `无法把 ${describe(value)} 当作布尔值`,
    en: `Cannot use ${describe(value)} as a boolean`,
  });
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined || value === '') return 0;
  if (typeof value === 'string') {
    const parsed = numericString(value);
    if (parsed !== undefined) return parsed;
  }
  throw new JuelEvaluationError({
    zh: `无法把 ${describe(value)} 当作数字`,
    en: `Cannot use ${describe(value)} as a number`,
  });
}

/** A string that reads as a decimal number (not hex, not "Infinity", not blank). */
function numericString(value: string): number | undefined {
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : undefined;
}

function looselyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const left = a ?? null;
  const right = b ?? null;
  if (left === null || right === null) return left === right;
  if (typeof left === 'number' || typeof right === 'number') {
    const x = typeof left === 'string' ? numericString(left) : left;
    const y = typeof right === 'string' ? numericString(right) : right;
    return typeof x === 'number' && typeof y === 'number' && x === y;
  }
  if (typeof left === 'boolean' && typeof right === 'string')
    return String(left) === right.toLowerCase();
  if (typeof right === 'boolean' && typeof left === 'string')
    return String(right) === left.toLowerCase();
  return false;
}

function compare(operator: '<' | '>' | '<=' | '>=', a: unknown, b: unknown): boolean {
  const left = a ?? null;
  const right = b ?? null;
  if (left === null || right === null) return false;
  let x: number | string;
  let y: number | string;
  if (typeof left === 'string' && typeof right === 'string') {
    x = left;
    y = right;
  } else if (typeof left === 'number' || typeof right === 'number') {
    x = toNumber(left);
    y = toNumber(right);
  } else {
    throw new JuelEvaluationError({
      zh: `无法比较 ${describe(left)} 与 ${describe(right)}`,
      en: `Cannot compare ${describe(left)} with ${describe(right)}`,
    });
  }
  switch (operator) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value.length > 20 ? `${value.slice(0, 20)}…` : value}"`;
  return typeof value === 'object' ? 'an object' : String(value);
}
