import type { ErrorDetail } from '../errors';
import { FORBIDDEN_KEYS } from './input-limits';
import { appendPointer } from './json-pointer';

/** `$` starts MongoDB operators; brackets are how extended parsers build objects from query keys. */
const OPERATOR_OR_BRACKET = /[$[\]]/;

/**
 * Finds the first reason to refuse a parsed query string (SECURITY.md 7). Only plain strings, or
 * arrays of strings from a repeated key, may reach a handler, so no query can become a Mongo filter.
 */
export function inspectQuery(query: unknown): ErrorDetail | undefined {
  if (query === null || query === undefined) return undefined;
  if (typeof query !== 'object') return undefined;
  for (const key of Object.keys(query)) {
    const path = appendPointer('', key);
    if (OPERATOR_OR_BRACKET.test(key) || FORBIDDEN_KEYS.has(key)) {
      return {
        path,
        code: 'FORBIDDEN_QUERY_KEY',
        message: {
          zh: `查询参数名 "${key}" 不允许包含 $、[ 或 ]，也不能是保留名（${path}）`,
          en: `Query parameter "${key}" may not contain $, [ or ], nor be a reserved name (${path})`,
        },
      };
    }
    const value = (query as Record<string, unknown>)[key];
    const plain =
      typeof value === 'string' ||
      (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (!plain) {
      return {
        path,
        code: 'INVALID_QUERY_VALUE',
        message: {
          zh: `查询参数 ${path} 只能是文本`,
          en: `Query parameter ${path} must be a plain string`,
        },
      };
    }
  }
  return undefined;
}
