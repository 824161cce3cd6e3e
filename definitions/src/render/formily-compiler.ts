import { EMPTY_DICTIONARY_INDEX } from '../dictionaries/dictionary-index';
import type { Value, ValueScope } from '../expressions/expression-api';
import { isFault } from '../expressions/faults';
import type { FieldCheckContext, FieldChecker } from '../fields/field-checker';
import { isEmptyValue, isRecord } from '../fields/field-checker';
import { checkerFor, expressionValueOf } from '../fields/field-types';
import { compilePattern } from '../patterns/safe-pattern';
import type { DerivedDefinition, FieldDefinition, FormDefinition } from '../types/form.types';
import { CHINA_UTC_OFFSET_MINUTES } from '../validate/validation-context';
import { formExpressions } from './form-expressions';

/** Where a compiled `{{ }}` reads from: Formily's reaction scope (`$values`, `$form`, `$record`). */
export type FormilyScope = Readonly<Record<string, unknown>>;

/** What the compiler needs besides the form; everything has a default. */
export interface SafeFormilyCompilerOptions {
  /** Parameter values overriding the form's defaults (a `params` object in the scope wins). */
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
  /** The clock for today()/now()/age(); default the device clock. */
  readonly now?: () => Date;
  /** Local offset for today(); default 480 (China). */
  readonly utcOffsetMinutes?: number;
}

/** `(expression, scope) => value`, the signature `Schema.registerCompiler` expects. */
export type SafeFormilyCompiler = (expression: string, scope?: FormilyScope) => unknown;

/** Field checks need a context, but whether a value has the right shape never depends on it. */
const SHAPE_ONLY: FieldCheckContext = {
  dictionaries: EMPTY_DICTIONARY_INDEX,
  today: '9999-12-31',
  nowMs: 0,
  allowDisabledItems: true,
};
const ignore = (): void => undefined;

function checkerOf(field: FieldDefinition): FieldChecker {
  const source = 'pattern' in field ? field.pattern : undefined;
  const compiled = source === undefined ? null : compilePattern(source);
  return checkerFor(field, compiled !== null && compiled.ok ? compiled.pattern : null);
}

const own = (record: unknown, key: string): unknown =>
  isRecord(record) && Object.hasOwn(record, key) ? record[key] : undefined;

/**
 * A safe replacement for Formily's `new Function` compiler: `{{ }}` contents are expressions of the
 * form language, compiled once (cached by source) and evaluated on our closures. Values are read as
 * `validate` reads them: an ill-typed answer (a string in a number field) reads as null, so the
 * designer and phone decide states from the same facts as the server. A runtime fault (division by
 * zero) yields `undefined`, which Formily treats as "leave the state as it is".
 */
export function createSafeFormilyCompiler(
  form: FormDefinition,
  options: SafeFormilyCompilerOptions = {},
): SafeFormilyCompiler {
  const expressions = formExpressions(form);
  const checkers = new Map<string, { field: FieldDefinition; check: FieldChecker }>();
  for (const { field } of [
    ...expressions.tree.fields,
    ...expressions.tree.repeats.flatMap((r) => r.children),
  ])
    checkers.set(field.key, { field, check: checkerOf(field) });
  const repeats = new Map(expressions.tree.repeats.map((r) => [r.node.key, r]));
  const derivedByKey = new Map((form.derived ?? []).map((d) => [d.key, d]));
  const defaults: Record<string, string | number | boolean> = {};
  for (const p of form.parameters ?? []) defaults[p.key] = p.default;
  const clock = options.now ?? (() => new Date());
  const utcOffsetMinutes = options.utcOffsetMinutes ?? CHINA_UTC_OFFSET_MINUTES;

  /** A value as expressions see it: empty, absent or ill-typed answers are null. */
  const read = (key: string, raw: unknown): Value => {
    const entry = checkers.get(key);
    if (entry === undefined || raw === undefined || raw === null) return null;
    if (!isEmptyValue(raw) && !entry.check(raw, '', SHAPE_ONLY, ignore)) return null;
    return expressionValueOf(entry.field, raw);
  };

  const rowsOf = (key: string, raw: unknown): Value => {
    const repeat = repeats.get(key);
    if (repeat === undefined || !Array.isArray(raw) || !raw.every(isRecord)) return null;
    return raw.map((row: Record<string, unknown>) => {
      const view: Record<string, Value> = {};
      for (const c of repeat.children) view[c.field.key] = read(c.field.key, own(row, c.field.key));
      return view;
    });
  };

  return (source, scope = {}) => {
    const expression = expressions.compile(source.trim());
    const form$ = own(scope, '$form');
    const values = own(scope, '$values') ?? own(form$, 'values') ?? {};
    const record = own(scope, '$record');
    const params = {
      ...defaults,
      ...options.parameters,
      ...(isRecord(scope.params) ? scope.params : {}),
    };
    const context = { now: clock(), utcOffsetMinutes };
    const derived = new Map<string, Value>();

    const valueScope: ValueScope = {
      get(path) {
        const [head, second] = path;
        let value: Value;
        if (head === undefined) return null;
        if (head === 'params') value = (own(params, second ?? '') as Value | undefined) ?? null;
        else if (head === 'option')
          value = (own(own(scope, 'option'), second ?? '') as Value) ?? null;
        else if (head === 'derived') value = derivedValue(second ?? '');
        else if (repeats.has(head)) value = rowsOf(head, own(values, head));
        else if (expressions.rowOf.has(head)) value = read(head, own(record, head));
        else value = read(head, own(values, head));
        return descend(
          value,
          path.slice(head === 'params' || head === 'derived' || head === 'option' ? 2 : 1),
        );
      },
    };

    const derivedValue = (key: string): Value => {
      if (derived.has(key)) return derived.get(key) ?? null;
      const definition = derivedByKey.get(key);
      const value = definition === undefined ? null : evaluateDerived(definition);
      derived.set(key, value);
      return value;
    };

    const evaluateDerived = (d: DerivedDefinition): Value => {
      if (d.expression !== undefined) {
        const v = expressions.compile(d.expression).evaluate(valueScope, context);
        return isFault(v) ? null : v;
      }
      for (const c of d.cases ?? [])
        if (expressions.compile(c.when).evaluate(valueScope, context) === true) return c.value;
      return d.otherwise ?? null;
    };

    const result = expression.evaluate(valueScope, context);
    return isFault(result) ? undefined : result;
  };
}

function descend(value: Value, rest: readonly string[]): Value {
  let current: Value = value;
  for (const key of rest) current = (own(current, key) as Value | undefined) ?? null;
  return current;
}
