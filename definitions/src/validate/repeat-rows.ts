import type { FieldCheckContext, IssueReporter } from '../fields/field-checker';
import { isEmptyValue, isRecord, pointerSegment } from '../fields/field-checker';
import { checkIdentityAgainstSiblings } from '../fields/identity-field';
import type { CompiledEffect, CompiledRepeat } from '../model/compiled-form';
import type { SubmissionScope } from './evaluation-scope';
import type { ActiveEffect, FieldStates } from './field-states';
import { activeEffects, applyStateEffects, writeStaticStates } from './field-states';
import type { PendingIssue } from './pending-issues';
import { pendingReporter } from './pending-issues';
import { evaluateRules } from './rule-runner';

/**
 * Checks the shape of a repeat's rows and returns cleaned copies: unknown keys removed (and
 * reported), ill-typed child values set to null so row rules never read a wrong type.
 */
export function checkRows(
  repeat: CompiledRepeat,
  value: unknown,
  ctx: FieldCheckContext,
  pending: PendingIssue[],
): Record<string, unknown>[] | null {
  const path = `/${repeat.key}`;
  const report = pendingReporter(pending, path);
  if (!Array.isArray(value) || !value.every(isRecord)) {
    report(path, 'wrong-type');
    return null;
  }
  const max = repeat.node.maxRows ?? 1000;
  if (value.length > max) report(path, 'too-many-rows', { max });
  return value.map((row: Record<string, unknown>, i) => {
    const clean: Record<string, unknown> = {};
    for (const key of Object.keys(row)) {
      const child = repeat.childByKey.get(key);
      const at = `${path}/${i}/${pointerSegment(key)}`;
      if (child === undefined) {
        report(at, 'unknown-field');
        continue;
      }
      const v = row[key];
      const ok = isEmptyValue(v) || child.check(v, at, ctx, pendingReporter(pending, at));
      clean[key] = ok ? v : null;
    }
    return clean;
  });
}

/** Per-row states, required checks, identity checks and row rule messages of a visible repeat. */
export function finishRows(
  repeat: CompiledRepeat,
  rows: Record<string, unknown>[],
  scope: SubmissionScope,
  evaluation: { readonly now: Date; readonly utcOffsetMinutes: number },
  ctx: FieldCheckContext,
  states: FieldStates,
  report: IssueReporter,
  effectsOut: ActiveEffect[],
): void {
  const holding: boolean[] = new Array<boolean>(repeat.rules.length);
  const rowEffects: CompiledEffect[] = [];
  const base = `/${repeat.key}`;
  rows.forEach((row, i) => {
    const prefix = `${base}/${i}`;
    scope.row = { repeat, values: row };
    evaluateRules(repeat.rules, scope, evaluation, holding);
    for (const child of repeat.children)
      writeStaticStates(states, `${prefix}/${child.key}`, child.field);
    applyStateEffects(repeat.rules, holding, states, prefix);
    for (const child of repeat.children) {
      const at = `${prefix}/${child.key}`;
      if (states.visible[at] !== true) {
        states.required[at] = false;
        Reflect.deleteProperty(row, child.key);
        continue;
      }
      const v = row[child.key];
      if (states.required[at] === true && isEmptyValue(v)) report(at, 'required');
      if (child.field.type === 'identityNumber' && typeof v === 'string' && v !== '') {
        checkIdentityAgainstSiblings(child.field, v, row, at, ctx, report);
      }
    }
    rowEffects.length = 0;
    activeEffects(repeat.rules, holding, rowEffects);
    for (const effect of rowEffects) effectsOut.push({ effect, prefix, repeat, row });
  });
  scope.row = null;
}
