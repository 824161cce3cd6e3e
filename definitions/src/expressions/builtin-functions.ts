import { DATE_NUMBER_FUNCTIONS } from './date-number-functions';
import type { BuiltinFunction } from './function-types';
import { TEXT_LIST_FUNCTIONS } from './text-list-functions';

/** Every built-in function, in documentation order (for the designer's function picker). */
export const BUILTIN_FUNCTIONS: readonly BuiltinFunction[] = Object.freeze([
  ...DATE_NUMBER_FUNCTIONS,
  ...TEXT_LIST_FUNCTIONS,
]);

/** Looked up by exact name; a Map, so `constructor` or `__proto__` can never resolve. */
const BY_NAME: ReadonlyMap<string, BuiltinFunction> = new Map(
  BUILTIN_FUNCTIONS.map((f) => [f.name, f]),
);

/** The built-in function of that name, if any. */
export function findBuiltinFunction(name: string): BuiltinFunction | undefined {
  return BY_NAME.get(name);
}
