/** The expression language: parse → check → compile to closures; see docs/adr/0005. */
export type * from './expression-api';
export { compileExpression } from './compile-expression';
export { parseExpression, type ParseResult, type ParseOptions } from './parser';
export { isForbiddenName, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH } from './grammar';
export type { ExprNode, BinaryOperator } from './ast';
export { T, formatType, isAssignable } from './value-types';
export { scopeFromObject, scopeFromPaths, typeScopeFromRecord } from './scopes';
export { isFault } from './faults';
export { BUILTIN_FUNCTIONS, findBuiltinFunction } from './builtin-functions';
export type { BuiltinFunction } from './function-types';
export { isValidDate, localDate } from './dates';
