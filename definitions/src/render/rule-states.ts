import type { FormDefinition, RuleDefinition } from '../types/form.types';

/** A state as renderers see it: a constant, or an expression of the form language. */
export type StateSource = boolean | string;

/** visible / required / readonly of one field or repeat, folded over the rules in order. */
export interface TargetStates {
  readonly visible: StateSource;
  /** Already `false` wherever the target is hidden, as `validate` decides. */
  readonly required: StateSource;
  readonly readonly: StateSource;
}

/** An `assign` effect: while `when` holds (always when absent) the target takes `value`. */
export interface Assignment {
  readonly ruleId: string;
  readonly when?: string;
  readonly value: string;
}

/** Everything rules do to a form's fields, grouped by target key. */
export interface RulePlan {
  statesOf(key: string, node: StaticStates): TargetStates;
  readonly assignments: ReadonlyMap<string, readonly Assignment[]>;
  /** Combined options filter per target (reads `option.code` / `option.parent`). */
  readonly optionFilters: ReadonlyMap<string, string>;
  /** Rule ids whose error/warning messages target each key (`''` for the whole form). */
  readonly messages: ReadonlyMap<string, readonly string[]>;
  /** Keys whose visibility, requiredness or value depend on some rule. */
  readonly ruleDriven: ReadonlySet<string>;
}

/** The static states of a field or repeat definition. */
export interface StaticStates {
  readonly hidden?: boolean;
  readonly required?: boolean;
  readonly readonly?: boolean;
}

const wrap = (s: string): string => `(${s})`;

/**
 * `state` after a rule setting it to `value` while `when` holds. `and`/`or`/`not` treat null as
 * false exactly like a rule condition that does not hold, so folding keeps validate's meaning:
 * static state first, later rules win.
 */
export function foldState(
  state: StateSource,
  when: string | undefined,
  value: boolean,
): StateSource {
  if (when === undefined || state === value) return when === undefined ? value : state;
  if (value) return state === false ? when : `${wrap(when)} or ${wrap(state as string)}`;
  return state === true ? `not ${wrap(when)}` : `not ${wrap(when)} and ${wrap(state as string)}`;
}

/** `a and b` with constants folded away. */
export function bothStates(a: StateSource, b: StateSource): StateSource {
  if (a === false || b === false) return false;
  if (a === true) return b;
  if (b === true || a === b) return a;
  return `${wrap(a)} and ${wrap(b)}`;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Reads a form's rules once, for both renderer mappings. */
export function planRules(form: FormDefinition): RulePlan {
  const switches = new Map<string, { rule: RuleDefinition; type: string; value: boolean }[]>();
  const assignments = new Map<string, Assignment[]>();
  const filters = new Map<string, string[]>();
  const messages = new Map<string, string[]>();
  const ruleDriven = new Set<string>();
  for (const rule of form.rules ?? []) {
    for (const effect of rule.effects) {
      const target = effect.target ?? '';
      switch (effect.type) {
        case 'visible':
        case 'required':
        case 'readonly':
          push(switches, target, { rule, type: effect.type, value: effect.value ?? true });
          if (effect.type !== 'readonly') ruleDriven.add(target);
          break;
        case 'assign':
          push(assignments, target, {
            ruleId: rule.id,
            ...(rule.when === undefined ? {} : { when: rule.when }),
            value: effect.value,
          });
          ruleDriven.add(target);
          break;
        case 'options':
          // Every active filter must pass, so an inactive rule contributes `true`.
          push(
            filters,
            target,
            rule.when === undefined
              ? wrap(effect.filter)
              : `(${rule.when} ? ${wrap(effect.filter)} : true)`,
          );
          break;
        case 'error':
        case 'warning':
          push(messages, target, rule.id);
          break;
      }
    }
  }

  const statesOf = (key: string, node: StaticStates): TargetStates => {
    let visible: StateSource = node.hidden !== true;
    let required: StateSource = node.required === true;
    let readonly: StateSource = node.readonly === true;
    for (const { rule, type, value } of switches.get(key) ?? []) {
      if (type === 'visible') visible = foldState(visible, rule.when, value);
      else if (type === 'required') required = foldState(required, rule.when, value);
      else readonly = foldState(readonly, rule.when, value);
    }
    return { visible, required: bothStates(visible, required), readonly };
  };

  return {
    statesOf,
    assignments,
    optionFilters: new Map([...filters].map(([k, list]) => [k, list.join(' and ')])),
    messages,
    ruleDriven,
  };
}
