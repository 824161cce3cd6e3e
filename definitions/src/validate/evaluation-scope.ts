import type { Value, ValueScope } from '../expressions/expression-api';
import { expressionValueOf } from '../fields/field-types';
import type { CompiledForm, CompiledRepeat } from '../model/compiled-form';

/** A row being evaluated by its repeat's rules. */
export interface RowFrame {
  readonly repeat: CompiledRepeat;
  readonly values: Readonly<Record<string, unknown>>;
}

function descend(value: Value, path: readonly string[]): Value {
  let current = value;
  for (let i = 1; i < path.length; i++) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return null;
    const key = path[i] as string;
    current = Object.hasOwn(current, key)
      ? ((current as Record<string, Value>)[key] ?? null)
      : null;
  }
  return current;
}

/**
 * What expressions read during one validation: current values (ill-typed ones read as null, so
 * expressions never meet a value of the wrong type), parameters, derived values, and a row.
 */
export class SubmissionScope implements ValueScope {
  row: RowFrame | null = null;

  constructor(
    private readonly compiled: CompiledForm,
    private readonly values: Readonly<Record<string, unknown>>,
    private readonly invalid: ReadonlySet<string>,
    private readonly parameters: Readonly<Record<string, string | number | boolean>>,
    private readonly derived: ReadonlyMap<string, Value>,
  ) {}

  /** Resolves a dotted path; null for anything empty, absent or unknown. */
  get(path: readonly string[]): Value {
    const head = path[0];
    if (head === undefined) return null;
    if (head === 'params') {
      const key = path[1];
      return key !== undefined && Object.hasOwn(this.parameters, key)
        ? (this.parameters[key] ?? null)
        : null;
    }
    if (head === 'derived') return this.derived.get(path[1] ?? '') ?? null;
    const row = this.row;
    if (row !== null) {
      const child = row.repeat.childByKey.get(head);
      if (child !== undefined)
        return descend(expressionValueOf(child.field, row.values[head] ?? null), path);
    }
    const field = this.compiled.fieldByKey.get(head);
    if (field !== undefined) {
      if (this.invalid.has(head)) return null;
      return descend(expressionValueOf(field.field, this.values[head] ?? null), path);
    }
    const repeat = this.compiled.repeatByKey.get(head);
    if (repeat !== undefined && !this.invalid.has(head)) return rowsView(repeat, this.values[head]);
    return null;
  }
}

/** A repeat's rows as expressions see them (matrices turned into code lists when present). */
function rowsView(repeat: CompiledRepeat, rows: unknown): Value {
  if (!Array.isArray(rows)) return null;
  if (!repeat.needsRowView) return rows as Value;
  return rows.map((row: Record<string, unknown>) => {
    const view: Record<string, Value> = {};
    for (const child of repeat.children)
      view[child.key] = expressionValueOf(child.field, row[child.key] ?? null);
    return view;
  });
}

/** Adds `option.code` / `option.parent` to a scope while an options filter runs. */
export class OptionScope implements ValueScope {
  code = '';
  parent: string | null = null;

  constructor(private readonly base: ValueScope) {}

  /** `option.*` first, then the base scope. */
  get(path: readonly string[]): Value {
    if (path[0] === 'option')
      return path[1] === 'code' ? this.code : path[1] === 'parent' ? this.parent : null;
    return this.base.get(path);
  }
}
