import type { ErrorDetail } from '../errors';
import { FORBIDDEN_KEYS, MAX_BODY_DEPTH, MAX_BODY_FIELDS } from './input-limits';
import { appendPointer } from './json-pointer';

export interface BodyLimits {
  readonly maxDepth: number;
  readonly maxFields: number;
}

const DEFAULT_LIMITS: BodyLimits = { maxDepth: MAX_BODY_DEPTH, maxFields: MAX_BODY_FIELDS };

interface Walk {
  fields: number;
  readonly limits: BodyLimits;
}

const at = (path: string) => path || '/';

/**
 * Finds the first reason to refuse a parsed JSON body: a prototype-reaching key, nesting deeper
 * than `maxDepth` containers, or more than `maxFields` keys and array items in total.
 * Stops at the first problem, so a hostile body costs at most `maxFields` steps.
 */
export function inspectBody(
  body: unknown,
  limits: BodyLimits = DEFAULT_LIMITS,
): ErrorDetail | undefined {
  return visit(body, '', 0, { fields: 0, limits });
}

function visit(value: unknown, path: string, depth: number, walk: Walk): ErrorDetail | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (depth + 1 > walk.limits.maxDepth) {
    return {
      path,
      code: 'BODY_TOO_DEEP',
      message: {
        zh: `请求体在 ${at(path)} 处嵌套超过 ${walk.limits.maxDepth} 层`,
        en: `Body nests deeper than ${walk.limits.maxDepth} levels at ${at(path)}`,
      },
    };
  }
  // JSON.parse yields plain objects and arrays whose own keys include a literal "__proto__".
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
  for (const [key, child] of entries) {
    const childPath = appendPointer(path, key);
    if (!Array.isArray(value) && FORBIDDEN_KEYS.has(key)) {
      return {
        path: childPath,
        code: 'FORBIDDEN_KEY',
        message: {
          zh: `请求体不允许使用字段名 "${key}"（${childPath}）`,
          en: `Key "${key}" is not allowed in a body (${childPath})`,
        },
      };
    }
    walk.fields += 1;
    if (walk.fields > walk.limits.maxFields) {
      return {
        path: childPath,
        code: 'BODY_TOO_MANY_FIELDS',
        message: {
          zh: `请求体字段（含数组元素）超过 ${walk.limits.maxFields} 个，第 ${walk.fields} 个位于 ${childPath}`,
          en: `Body has more than ${walk.limits.maxFields} fields (keys and array items); field ${walk.fields} is at ${childPath}`,
        },
      };
    }
    const problem = visit(child, childPath, depth + 1, walk);
    if (problem) return problem;
  }
  return undefined;
}
