import type { TypeScope, ValueType } from '../expressions/expression-api';
import { valueTypeOf } from '../fields/field-types';
import type { DerivedDefinition, FormDefinition, ParameterDefinition } from '../types/form.types';
import type { FormTree, RepeatEntry } from './form-tree';
import { isRepeatEntry } from './form-tree';

const STRING: ValueType = { kind: 'string' };

/** The expression type of a parameter (`params.feverThreshold` is `number(°C)`). */
export function parameterType(parameter: ParameterDefinition): ValueType {
  if (parameter.type === 'number')
    return parameter.unit ? { kind: 'number', unit: parameter.unit } : { kind: 'number' };
  return { kind: parameter.type };
}

/** The declared expression type of a derived value. */
export function derivedType(derived: DerivedDefinition): ValueType {
  return { kind: derived.type };
}

/** A record type of a repeat's row (the child fields). */
export function rowType(repeat: RepeatEntry): ValueType {
  const fields: Record<string, ValueType> = {};
  for (const child of repeat.children) fields[child.field.key] = valueTypeOf(child.field);
  return { kind: 'record', fields };
}

/** Follows record fields for the rest of a path (`address.region`). */
function descend(type: ValueType | undefined, rest: readonly string[]): ValueType | undefined {
  let current = type;
  for (const segment of rest) {
    if (
      current === undefined ||
      current.kind !== 'record' ||
      !Object.hasOwn(current.fields, segment)
    )
      return undefined;
    current = current.fields[segment];
  }
  return current;
}

/**
 * What names mean in a form's expressions: top-level field keys, `params.<key>`, `derived.<key>`,
 * and a repeat's key as a list of row records. Inside a repeat's rules the row's own fields come first.
 */
export function formTypeScope(form: FormDefinition, tree: FormTree, row?: RepeatEntry): TypeScope {
  const params = new Map<string, ValueType>();
  for (const p of form.parameters ?? []) params.set(p.key, parameterType(p));
  const derived = new Map<string, ValueType>();
  for (const d of form.derived ?? []) derived.set(d.key, derivedType(d));
  const rowFields = new Map<string, ValueType>();
  for (const child of row?.children ?? []) rowFields.set(child.field.key, valueTypeOf(child.field));

  return {
    resolve(path) {
      const [head, ...rest] = path;
      if (head === undefined) return undefined;
      if (head === 'params') return rest.length === 1 ? params.get(rest[0] as string) : undefined;
      if (head === 'derived') return rest.length === 1 ? derived.get(rest[0] as string) : undefined;
      const own = rowFields.get(head);
      if (own !== undefined) return descend(own, rest);
      const entry = tree.topLevel.get(head);
      if (entry === undefined) return undefined;
      const type: ValueType = isRepeatEntry(entry)
        ? { kind: 'list', of: rowType(entry) }
        : valueTypeOf(entry.field);
      return descend(type, rest);
    },
  };
}

/** Adds `option.code` and `option.parent` (strings) for an options filter. */
export function withOptionScope(base: TypeScope): TypeScope {
  return {
    resolve(path) {
      if (path[0] === 'option')
        return path.length === 2 && (path[1] === 'code' || path[1] === 'parent')
          ? STRING
          : undefined;
      return base.resolve(path);
    },
  };
}
