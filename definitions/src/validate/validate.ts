import type { Value } from '../expressions/expression-api';
import type { IssueReporter } from '../fields/field-checker';
import { isEmptyValue, isRecord, pointerSegment } from '../fields/field-checker';
import { checkIdentityAgainstSiblings } from '../fields/identity-field';
import type { CompiledEffect, CompiledForm } from '../model/compiled-form';
import { OptionScope, SubmissionScope } from './evaluation-scope';
import type { ActiveEffect, FieldStates } from './field-states';
import {
  activeEffects,
  applyStateEffects,
  emptyStates,
  topLevelPaths,
  topLevelVisibility,
  writeTopLevelStaticStates,
} from './field-states';
import { guardSubmission } from './input-guard';
import { checkOptionsFilter } from './options-check';
import type { PendingIssue } from './pending-issues';
import { pendingReporter } from './pending-issues';
import { checkRows, finishRows } from './repeat-rows';
import { evaluateRules, runComputations } from './rule-runner';
import type { SubmissionIssue } from './submission-error';
import { messageFor } from './submission-error';
import type { ValidationContext } from './validation-context';
import { resolveContext } from './validation-context';

/** The outcome of validating one submission against a compiled form. */
export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly SubmissionIssue[];
  /** Rule warnings and evaluation faults: shown to the user, never blocking. */
  readonly warnings: readonly SubmissionIssue[];
  readonly effects: FieldStates;
  readonly derived: Readonly<Record<string, Value>>;
  /** The values to store: assignments applied, hidden fields' values dropped. */
  readonly values: Readonly<Record<string, unknown>>;
}

function refused(path: string, code: string): ValidationResult {
  const errors = [{ path, code, message: messageFor(code) }];
  return { valid: false, errors, warnings: [], effects: emptyStates(), derived: {}, values: {} };
}

/**
 * Validates a submission: strict types (no coercion), unknown or prototype-reaching keys refused,
 * assignments and derived values computed, rule states decided, hidden fields' values dropped,
 * then required, identity, options and rule messages checked. Never throws on any input.
 */
export function validate(
  compiled: CompiledForm,
  submission: unknown,
  context: ValidationContext,
): ValidationResult {
  const guard = guardSubmission(submission);
  if (guard !== null) return refused(guard.path, guard.code);
  if (!isRecord(submission)) return refused('', 'not-an-object');
  const resolved = resolveContext(compiled, context);
  const ctx = resolved.check;
  const evaluation = resolved.evaluation;
  const errors: SubmissionIssue[] = [...resolved.issues];
  const warnings: SubmissionIssue[] = [];
  const report: IssueReporter = (path, code, params) =>
    errors.push({ path, code, message: messageFor(code, params) });

  // 1. Shape of every submitted value; issues wait until we know the field is visible.
  const values: Record<string, unknown> = {};
  const invalid = new Set<string>();
  const pending: PendingIssue[] = [];
  for (const key of Object.keys(submission)) {
    const path = `/${pointerSegment(key)}`;
    const value = submission[key];
    const field = compiled.fieldByKey.get(key);
    if (field !== undefined) {
      values[key] = value;
      if (!isEmptyValue(value) && !field.check(value, path, ctx, pendingReporter(pending, path)))
        invalid.add(key);
      continue;
    }
    const repeat = compiled.repeatByKey.get(key);
    if (repeat === undefined) {
      report(path, 'unknown-field');
      continue;
    }
    const rows = value === null ? null : checkRows(repeat, value, ctx, pending);
    values[key] = rows;
    if (rows === null && value !== null) invalid.add(key);
  }

  // 2. Computations and visibility until no more values are dropped (hidden values never count).
  const derived = new Map<string, Value>();
  const faults: string[] = [];
  const scope = new SubmissionScope(compiled, values, invalid, resolved.parameters, derived);
  const holding: boolean[] = new Array<boolean>(compiled.rules.length);
  const paths = topLevelPaths(compiled);
  const states = emptyStates();
  const hidden = new Set<string>();
  for (let round = 0; ; round++) {
    faults.length = 0;
    runComputations(compiled.computations, scope, evaluation, values, invalid, derived, faults);
    evaluateRules(compiled.rules, scope, evaluation, holding);
    topLevelVisibility(compiled, holding, states);
    let dropped = false;
    for (const key of Object.keys(values)) {
      if (states.visible[paths.byKey.get(key) ?? `/${key}`] === false && !hidden.has(key)) {
        hidden.add(key);
        Reflect.deleteProperty(values, key);
        dropped = true;
      }
    }
    if (!dropped || round > compiled.fields.length) break;
  }
  for (const key of hidden) Reflect.deleteProperty(values, key);

  // 3. Final states, then every check on visible fields only.
  writeTopLevelStaticStates(compiled, states);
  applyStateEffects(compiled.rules, holding, states, '');
  const effects: ActiveEffect[] = [];
  const topEffects: CompiledEffect[] = [];
  activeEffects(compiled.rules, holding, topEffects);
  for (const effect of topEffects) effects.push({ effect, prefix: '', repeat: null, row: null });

  for (let i = 0; i < compiled.fields.length; i++) {
    const f = compiled.fields[i] as CompiledForm['fields'][number];
    const path = paths.fields[i] as string;
    if (states.visible[path] !== true) {
      states.required[path] = false;
      continue;
    }
    const value = values[f.key];
    if (states.required[path] === true && isEmptyValue(value)) report(path, 'required');
    if (f.field.type === 'identityNumber' && typeof value === 'string' && value !== '') {
      checkIdentityAgainstSiblings(f.field, value, values, path, ctx, report);
    }
  }
  for (let i = 0; i < compiled.repeats.length; i++) {
    const r = compiled.repeats[i] as CompiledForm['repeats'][number];
    const path = paths.repeats[i] as string;
    if (states.visible[path] !== true) {
      states.required[path] = false;
      continue;
    }
    const rows = values[r.key];
    const count = Array.isArray(rows) ? rows.length : 0;
    if (states.required[path] === true && count === 0) report(path, 'required');
    else if (count > 0 && r.node.minRows !== undefined && count < r.node.minRows)
      report(path, 'too-few-rows', { min: r.node.minRows });
    if (Array.isArray(rows))
      finishRows(
        r,
        rows as Record<string, unknown>[],
        scope,
        evaluation,
        ctx,
        states,
        report,
        effects,
      );
  }
  for (const issue of pending) {
    if (states.visible[issue.owner] === true) report(issue.path, issue.code, issue.params);
  }

  // 4. Options filters and rule messages on visible targets.
  const optionScope = new OptionScope(scope);
  for (const { effect, prefix, repeat, row } of effects) {
    const path = effect.target === undefined ? prefix : `${prefix}/${effect.target}`;
    if (effect.target !== undefined && states.visible[path] !== true) continue;
    if (effect.type === 'options') {
      const target =
        repeat === null
          ? compiled.fieldByKey.get(effect.target)
          : repeat.childByKey.get(effect.target);
      const value = row === null ? values[effect.target] : row[effect.target];
      scope.row = repeat === null || row === null ? null : { repeat, values: row };
      if (target !== undefined && !isEmptyValue(value)) {
        checkOptionsFilter(effect, target.field, value, path, optionScope, evaluation, ctx, report);
      }
      continue;
    }
    if (effect.type !== 'error' && effect.type !== 'warning') continue;
    (effect.type === 'error' ? errors : warnings).push({
      path,
      code: effect.code,
      message: effect.message,
    });
  }
  scope.row = null;
  for (const at of faults)
    warnings.push({ path: at, code: 'expression-fault', message: messageFor('expression-fault') });

  const derivedOut: Record<string, Value> = {};
  for (const [key, value] of derived) derivedOut[key] = value;
  return {
    valid: errors.length === 0,
    errors,
    warnings,
    effects: states,
    derived: derivedOut,
    values,
  };
}
