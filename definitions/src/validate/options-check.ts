import type { EvaluationContext } from '../expressions/expression-api';
import type { FieldCheckContext, IssueReporter } from '../fields/field-checker';
import type { CompiledOptionsEffect } from '../model/compiled-form';
import type { FieldDefinition } from '../types/form.types';
import { OptionScope } from './evaluation-scope';

/** The parent code of an option, inline or from the field's dictionary. */
function parentOf(field: FieldDefinition, code: string, ctx: FieldCheckContext): string | null {
  if ('options' in field && field.options !== undefined)
    return field.options.find((o) => o.code === code)?.parent ?? null;
  if ('dictionary' in field && field.dictionary !== undefined)
    return ctx.dictionaries.get(field.dictionary)?.item(code)?.parent ?? null;
  return null;
}

/** Refuses chosen codes that an active options filter excludes (cascading choices). */
export function checkOptionsFilter(
  effect: CompiledOptionsEffect,
  field: FieldDefinition,
  value: unknown,
  path: string,
  scope: OptionScope,
  evaluation: EvaluationContext,
  ctx: FieldCheckContext,
  report: IssueReporter,
): void {
  const test = (code: string, at: string): void => {
    scope.code = code;
    scope.parent = parentOf(field, code, ctx);
    if (effect.filter.evaluate(scope, evaluation) !== true) report(at, 'option-not-allowed');
  };
  if (typeof value === 'string') test(value, path);
  else if (Array.isArray(value))
    value.forEach((code, i) => typeof code === 'string' && test(code, `${path}/${i}`));
}
