import type { TypeScope, Value, ValueScope, ValueType } from './expression-api';

/**
 * Ready-made scopes. Lookups use own properties only (`Object.hasOwn`), so a path segment such
 * as `__proto__` or `constructor` can never reach the prototype chain.
 */

/**
 * Reads an own property of a plain record. Submissions are JSON, so they never hold functions:
 * a function (or `undefined`) can only come from the prototype chain and counts as absent. This is
 * a plain property read, several times cheaper than `Object.hasOwn` on the hot path; names such as
 * `__proto__` never get here because the checker refuses them at compile time, and `Object.hasOwn`
 * still guards the rare non-function hits that could be inherited.
 */
function ownValue(record: { readonly [key: string]: Value }, key: string): Value {
  const v = record[key];
  if (v === undefined || typeof v === 'function') return null;
  if (typeof v === 'object' && v !== null && !Object.hasOwn(record, key)) return null;
  return v;
}

/** Walks nested records: `['patient', 'name']` reads `obj.patient.name`; absent → null. */
export function scopeFromObject(obj: { readonly [key: string]: Value }): ValueScope {
  return {
    get(path) {
      // Most rules read top-level fields: skip the walk for them.
      if (path.length === 1) return ownValue(obj, path[0] as string);
      let current: Value = obj;
      for (let i = 0; i < path.length; i++) {
        if (typeof current !== 'object' || current === null || Array.isArray(current)) return null;
        current = ownValue(current as { readonly [key: string]: Value }, path[i] as string);
      }
      return current;
    },
  };
}

/**
 * Reads flat dotted keys (`{"patient.name": "张三"}`) as the conformance corpus writes values: the
 * longest dotted prefix present as a key is read, and the rest of the path walks nested records.
 * The split is cached per path array, which compiled expressions reuse across evaluations.
 */
export function scopeFromPaths(values: Readonly<Record<string, Value>>): ValueScope {
  const splits = new WeakMap<readonly string[], { key: string; rest: readonly string[] } | null>();
  const split = (path: readonly string[]) => {
    for (let cut = path.length; cut > 0; cut--) {
      const key = path.slice(0, cut).join('.');
      if (Object.hasOwn(values, key)) return { key, rest: path.slice(cut) };
    }
    return null;
  };
  return {
    get(path) {
      let found = splits.get(path);
      if (found === undefined) {
        found = split(path);
        splits.set(path, found);
      }
      if (!found) return null;
      const head = values[found.key] ?? null;
      if (found.rest.length === 0) return head;
      return typeof head === 'object' && head !== null && !Array.isArray(head)
        ? scopeFromObject(head as { readonly [key: string]: Value }).get(found.rest)
        : null;
    },
  };
}

/**
 * A type scope from dotted paths (`{"patient.birthDate": {kind: 'date'}}`); a path also
 * resolves through record types (`patient` declared as a record resolves `patient.name`).
 */
export function typeScopeFromRecord(types: Readonly<Record<string, ValueType>>): TypeScope {
  return {
    resolve(path) {
      const key = path.join('.');
      if (Object.hasOwn(types, key)) return types[key];
      for (let cut = path.length - 1; cut > 0; cut--) {
        const prefix = path.slice(0, cut).join('.');
        if (!Object.hasOwn(types, prefix)) continue;
        let type: ValueType | undefined = types[prefix];
        for (const segment of path.slice(cut)) {
          type =
            type?.kind === 'record' && Object.hasOwn(type.fields, segment)
              ? type.fields[segment]
              : undefined;
        }
        return type;
      }
      return undefined;
    },
  };
}
