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
  /** Keys from the root to the value being visited; a pointer is built only for a refusal. */
  readonly keys: string[];
}

const at = (path: string) => path || '/';

const pointerOf = (keys: readonly string[]): string =>
  keys.reduce<string>((pointer, key) => appendPointer(pointer, key), '');

/**
 * Finds the first reason to refuse a parsed JSON body: a prototype-reaching key, nesting deeper
 * than `maxDepth` containers, or more than `maxFields` keys and array items in total.
 * Stops at the first problem, so a hostile body costs at most `maxFields` steps.
 */
export function inspectBody(
  body: unknown,
  limits: BodyLimits = DEFAULT_LIMITS,
): ErrorDetail | undefined {
  return visit(body, 0, { fields: 0, limits, keys: [] });
}

/**
 * Visits one container's children in order. Walks without allocating per value (no entry
 * tuples, no pointer strings): this runs over every request body.
 */
function visit(value: unknown, depth: number, walk: Walk): ErrorDetail | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (depth + 1 > walk.limits.maxDepth) {
    const path = pointerOf(walk.keys);
    return {
      path,
      code: 'BODY_TOO_DEEP',
      message: {
        zh: `请求体在 ${at(path)} 处嵌套超过 ${walk.limits.maxDepth} 层`,
        en: `Body nests deeper than ${walk.limits.maxDepth} levels at ${at(path)}`,
      },
    };
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const problem = visitChild(String(index), value[index] as unknown, false, depth, walk);
      if (problem) return problem;
    }
    return undefined;
  }
  // JSON.parse yields plain objects whose own keys include a literal "__proto__".
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const problem = visitChild(key, record[key], true, depth, walk);
    if (problem) return problem;
  }
  return undefined;
}

function visitChild(
  key: string,
  child: unknown,
  inObject: boolean,
  depth: number,
  walk: Walk,
): ErrorDetail | undefined {
  walk.keys.push(key);
  if (inObject && FORBIDDEN_KEYS.has(key)) {
    const childPath = pointerOf(walk.keys);
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
    const childPath = pointerOf(walk.keys);
    return {
      path: childPath,
      code: 'BODY_TOO_MANY_FIELDS',
      message: {
        zh: `请求体字段（含数组元素）超过 ${walk.limits.maxFields} 个，第 ${walk.fields} 个位于 ${childPath}`,
        en: `Body has more than ${walk.limits.maxFields} fields (keys and array items); field ${walk.fields} is at ${childPath}`,
      },
    };
  }
  const problem = visit(child, depth + 1, walk);
  walk.keys.pop();
  return problem;
}
