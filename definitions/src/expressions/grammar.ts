import type { BinaryOperator } from './ast';

/** The expression grammar's vocabulary: limits, keywords, refused names, operator precedence. */

/** Default longest source (characters), so a hostile definition cannot exhaust memory. */
export const DEFAULT_MAX_LENGTH = 2000;
/** Default deepest nesting, so a hostile definition cannot exhaust the stack. */
export const DEFAULT_MAX_DEPTH = 64;

/** Word operators and literals; never field names. */
export const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null']);

/**
 * Identifiers refused anywhere in a path: JavaScript's escape hatches and globals. A scope would
 * not resolve them anyway; refusing them by name makes escape attempts a clear static error.
 */
const FORBIDDEN_NAMES = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'this',
  'globalThis',
  'window',
  'global',
  'self',
  'process',
  'require',
  'module',
  'exports',
  'import',
  'eval',
  'Function',
  'Object',
  'Reflect',
  'Proxy',
  'new',
  'function',
  'return',
  'var',
  'let',
  'const',
  'delete',
  'typeof',
  'void',
  'instanceof',
  'class',
  'super',
  'arguments',
  'async',
  'await',
  'yield',
  'with',
  'debugger',
  'undefined',
  'NaN',
  'Infinity',
  'hasOwnProperty',
  'valueOf',
  'toString',
  'apply',
  'call',
  'bind',
]);

/** Whether an identifier may never be used as a field, parameter or member name. */
export function isForbiddenName(name: string): boolean {
  return FORBIDDEN_NAMES.has(name) || name.startsWith('__');
}

/** Infix operators: token text → [operator, binding power]. A Map, so `toString` is never one. */
export const INFIX: ReadonlyMap<string, readonly [BinaryOperator, number]> = new Map<
  string,
  readonly [BinaryOperator, number]
>([
  ['or', ['or', 2]],
  ['||', ['or', 2]],
  ['and', ['and', 3]],
  ['&&', ['and', 3]],
  ['==', ['==', 5]],
  ['!=', ['!=', 5]],
  ['<', ['<', 5]],
  ['<=', ['<=', 5]],
  ['>', ['>', 5]],
  ['>=', ['>=', 5]],
  ['in', ['in', 5]],
  ['+', ['+', 6]],
  ['-', ['-', 6]],
  ['*', ['*', 7]],
  ['/', ['/', 7]],
  ['%', ['%', 7]],
]);

/** Binding power of `? :` (lowest, right-associative). */
export const CONDITIONAL_BP = 1;
/** `not x` takes everything tighter than `and`: `not a == b` is `not (a == b)`. */
export const NOT_OPERAND_BP = 4;
/** `x not in list` binds like `in` and the comparisons. */
export const NOT_IN_BP = 5;
/** Unary minus binds tighter than `*`. */
export const NEGATE_OPERAND_BP = 8;
