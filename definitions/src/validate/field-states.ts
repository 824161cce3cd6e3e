import type {
  CompiledEffect,
  CompiledForm,
  CompiledRepeat,
  CompiledRule,
} from '../model/compiled-form';

/** An options/error/warning effect whose rule holds, with the row it applies to (if any). */
export interface ActiveEffect {
  readonly effect: CompiledEffect;
  /** `''` for the form, `/<repeat>/<row>` for a row. */
  readonly prefix: string;
  readonly repeat: CompiledRepeat | null;
  readonly row: Record<string, unknown> | null;
}

/** visible / required / readonly of every field, keyed by JSON pointer into the submission. */
export interface FieldStates {
  readonly visible: Record<string, boolean>;
  readonly required: Record<string, boolean>;
  readonly readonly: Record<string, boolean>;
}

/** Fresh, empty states. */
export function emptyStates(): FieldStates {
  return { visible: {}, required: {}, readonly: {} };
}

/** Static states of a field or repeat definition, written at `path`. */
export function writeStaticStates(
  states: FieldStates,
  path: string,
  node: { readonly hidden?: boolean; readonly required?: boolean; readonly readonly?: boolean },
): void {
  states.visible[path] = node.hidden !== true;
  states.required[path] = node.required === true;
  states.readonly[path] = node.readonly === true;
}

/** Applies the state effects of the rules that hold (later rules win); `prefix` places row targets. */
export function applyStateEffects(
  rules: readonly CompiledRule[],
  holding: readonly boolean[],
  states: FieldStates,
  prefix: string,
  only?: 'visible',
): void {
  for (let i = 0; i < rules.length; i++) {
    if (holding[i] !== true) continue;
    for (const effect of (rules[i] as CompiledRule).effects) {
      if (effect.type !== 'visible' && effect.type !== 'required' && effect.type !== 'readonly')
        continue;
      if (only !== undefined && effect.type !== only) continue;
      states[effect.type][`${prefix}/${effect.target}`] = effect.value;
    }
  }
}

/** The state keys (`/<key>`) of a form's top-level fields and repeats, in definition order. */
export interface TopLevelPaths {
  readonly fields: readonly string[];
  readonly repeats: readonly string[];
  /** Field or repeat key → its state key. */
  readonly byKey: ReadonlyMap<string, string>;
}

const topLevelPathCache = new WeakMap<CompiledForm, TopLevelPaths>();

/**
 * The top-level state keys of a compiled form, built once per form: validation looks them up
 * several times per field per submission, and a string built afresh each time is a new key to
 * hash for every property write.
 */
export function topLevelPaths(compiled: CompiledForm): TopLevelPaths {
  let paths = topLevelPathCache.get(compiled);
  if (paths === undefined) {
    const fields = compiled.fields.map((f) => `/${f.key}`);
    const repeats = compiled.repeats.map((r) => `/${r.key}`);
    const byKey = new Map<string, string>();
    compiled.fields.forEach((f, i) => byKey.set(f.key, fields[i] as string));
    compiled.repeats.forEach((r, i) => byKey.set(r.key, repeats[i] as string));
    paths = { fields, repeats, byKey };
    topLevelPathCache.set(compiled, paths);
  }
  return paths;
}

/** The definitions' own states of every top-level field, then every repeat. */
export function writeTopLevelStaticStates(compiled: CompiledForm, states: FieldStates): void {
  const paths = topLevelPaths(compiled);
  compiled.fields.forEach((f, i) => writeStaticStates(states, paths.fields[i] as string, f.field));
  compiled.repeats.forEach((r, i) => writeStaticStates(states, paths.repeats[i] as string, r.node));
}

/** Top-level visibility only: static, then rule effects. */
export function topLevelVisibility(
  compiled: CompiledForm,
  holding: readonly boolean[],
  states: FieldStates,
): void {
  const paths = topLevelPaths(compiled);
  compiled.fields.forEach((f, i) => {
    states.visible[paths.fields[i] as string] = f.field.hidden !== true;
  });
  compiled.repeats.forEach((r, i) => {
    states.visible[paths.repeats[i] as string] = r.node.hidden !== true;
  });
  applyStateEffects(compiled.rules, holding, states, '', 'visible');
}

/** The non-state effects (options, error, warning) of the rules that hold, in rule order. */
export function activeEffects(
  rules: readonly CompiledRule[],
  holding: readonly boolean[],
  out: CompiledEffect[],
): void {
  for (let i = 0; i < rules.length; i++) {
    if (holding[i] !== true) continue;
    for (const effect of (rules[i] as CompiledRule).effects) {
      if (effect.type === 'options' || effect.type === 'error' || effect.type === 'warning')
        out.push(effect);
    }
  }
}
