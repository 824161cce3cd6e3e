/** Deepest nesting accepted in a submission (SECURITY.md: deeper than 32 → refused). */
export const MAX_SUBMISSION_DEPTH = 32;
/** Most values (objects, arrays and scalars together) accepted in one submission. */
export const MAX_SUBMISSION_NODES = 20_000;

/** Keys that could reach or replace an object's prototype when some consumer merges the data. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first structural problem of a submission, or null: forbidden key, too deep, too large. */
export interface GuardProblem {
  readonly path: string;
  readonly code: 'forbidden-key' | 'too-deep' | 'too-large';
}

/**
 * Walks the whole submission once before anything reads it. Own keys are read with Object.keys,
 * so a JSON-parsed `"__proto__"` (an own property, not the prototype) is seen and refused.
 */
export function guardSubmission(input: unknown): GuardProblem | null {
  let nodes = 0;
  const walk = (value: unknown, path: string, depth: number): GuardProblem | null => {
    if (++nodes > MAX_SUBMISSION_NODES) return { path, code: 'too-large' };
    if (typeof value !== 'object' || value === null) return null;
    if (depth > MAX_SUBMISSION_DEPTH) return { path, code: 'too-deep' };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const found = walk(value[i], `${path}/${i}`, depth + 1);
        if (found !== null) return found;
      }
      return null;
    }
    for (const key of Object.keys(value)) {
      const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (FORBIDDEN_KEYS.has(key)) return { path: at, code: 'forbidden-key' };
      const found = walk((value as Record<string, unknown>)[key], at, depth + 1);
      if (found !== null) return found;
    }
    return null;
  };
  return walk(input, '', 0);
}
