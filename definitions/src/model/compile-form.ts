import type { DictionaryIndex } from '../dictionaries/dictionary-index';
import { checkerFor, valueTypeOf } from '../fields/field-types';
import type { StringTester } from '../fields/text-fields';
import { compilePattern } from '../patterns';
import type { DefinitionProblem } from '../types/common.types';
import type { FormDefinition, ParameterDefinition } from '../types/form.types';
import type { CompiledField, CompiledForm, CompiledRepeat } from './compiled-form';
import { orderComputations } from './computation-order';
import { compileDerived } from './derived-compiler';
import { checkPersonalLeaks } from './personal-leaks';
import { compileSlot } from './expression-slot';
import { checkFields } from './field-checks';
import { formTypeScope } from './form-scope';
import type { FieldEntry, FormTree } from './form-tree';
import { flattenFormTree } from './form-tree';
import { problem } from './problems';
import { compileRules } from './rule-compiler';

/** The outcome of compiling a form: the compiled form when no problem was found, and the problems. */
export interface FormAnalysis {
  readonly compiled: CompiledForm | null;
  readonly problems: readonly DefinitionProblem[];
}

/** Thrown by `compileForm` when a definition has problems; carries them all. */
export class DefinitionError extends Error {
  constructor(readonly problems: readonly DefinitionProblem[]) {
    super(
      `definition has ${problems.length} problem(s): ${problems.map((p) => `${p.pointer} ${p.code}`).join('; ')}`,
    );
  }
}

function checkParameters(
  parameters: readonly ParameterDefinition[],
  problems: DefinitionProblem[],
): void {
  const keys = new Set<string>();
  parameters.forEach((p, i) => {
    const pointer = `/parameters/${i}`;
    if (keys.has(p.key))
      problems.push(
        problem(
          'duplicate-key',
          `${pointer}/key`,
          `参数“${p.key}”重复`,
          `Duplicate parameter “${p.key}”`,
        ),
      );
    keys.add(p.key);
    const message = parameterValueProblem(p, p.default);
    if (message !== null)
      problems.push(problem('invalid-parameter', `${pointer}/default`, message.zh, message.en));
  });
}

/** Why a value does not fit a parameter (type, bounds), or null when it does. */
export function parameterValueProblem(
  p: ParameterDefinition,
  value: unknown,
): { zh: string; en: string } | null {
  if (typeof value !== p.type || (typeof value === 'number' && !Number.isFinite(value))) {
    return { zh: `参数“${p.key}”应为 ${p.type}`, en: `Parameter “${p.key}” must be a ${p.type}` };
  }
  if (
    typeof value === 'number' &&
    ((p.min !== undefined && value < p.min) || (p.max !== undefined && value > p.max))
  ) {
    return { zh: `参数“${p.key}”超出范围`, en: `Parameter “${p.key}” is out of range` };
  }
  return null;
}

function compileFieldEntry(entry: FieldEntry, problems: DefinitionProblem[]): CompiledField {
  const { field, pointer } = entry;
  let pattern: StringTester | null = null;
  if ((field.type === 'text' || field.type === 'textarea') && field.pattern !== undefined) {
    const result = compilePattern(field.pattern);
    if (result.ok) pattern = result.pattern;
    else
      for (const d of result.diagnostics)
        problems.push({
          code: d.code,
          message: d.message,
          pointer: `${pointer}/pattern`,
          start: d.start,
          end: d.end,
        });
  }
  return { key: field.key, field, pointer, check: checkerFor(field, pattern) };
}

function compileDefaults(
  form: FormDefinition,
  tree: FormTree,
  problems: DefinitionProblem[],
): void {
  const scope = formTypeScope(form, tree);
  for (const entry of [...tree.fields, ...tree.repeats.flatMap((r) => r.children)]) {
    if (entry.field.defaultExpression === undefined) continue;
    const rowScope = entry.repeat === undefined ? scope : formTypeScope(form, tree, entry.repeat);
    compileSlot(
      entry.field.defaultExpression,
      rowScope,
      `${entry.pointer}/defaultExpression`,
      valueTypeOf(entry.field),
      problems,
    );
  }
}

/**
 * Runs every static check of a form (structure, references, expressions, cycles, patterns,
 * limits) and, when none fails, builds the compiled form. Dictionaries are checked when given.
 */
export function analyseForm(form: FormDefinition, dictionaries?: DictionaryIndex): FormAnalysis {
  const problems: DefinitionProblem[] = [];
  const tree = flattenFormTree(form, problems);
  checkFields(tree, dictionaries, problems);
  checkParameters(form.parameters ?? [], problems);
  const fields = tree.fields.map((f) => compileFieldEntry(f, problems));
  const compiledRules = compileRules(form, tree, problems);
  const derived = compileDerived(form, tree, problems);
  const computations = orderComputations([...compiledRules.assignments, ...derived], problems);
  checkPersonalLeaks([...compiledRules.assignments, ...derived], tree, problems);
  compileDefaults(form, tree, problems);
  const repeats: CompiledRepeat[] = tree.repeats.map((r) => {
    const children = r.children.map((c) => compileFieldEntry(c, problems));
    return {
      key: r.node.key,
      node: r.node,
      pointer: r.pointer,
      children,
      childByKey: new Map(children.map((c) => [c.key, c])),
      rules: compiledRules.rowRules.get(r.node.key) ?? [],
      needsRowView: children.some((c) => c.field.type === 'yesNoMatrix'),
    };
  });
  if (problems.length > 0) return { compiled: null, problems };
  const parameters = new Map((form.parameters ?? []).map((p) => [p.key, p]));
  const parameterDefaults: Record<string, string | number | boolean> = {};
  for (const p of form.parameters ?? []) parameterDefaults[p.key] = p.default;
  const compiled: CompiledForm = {
    form,
    fields,
    fieldByKey: new Map(fields.map((f) => [f.key, f])),
    repeats,
    repeatByKey: new Map(repeats.map((r) => [r.key, r])),
    rules: compiledRules.rules,
    computations,
    parameters,
    parameterDefaults,
    dictionaries,
  };
  return { compiled, problems };
}

/** The static checks only: every problem of a form definition (empty when it may be published). */
export function checkForm(
  form: FormDefinition,
  dictionaries?: DictionaryIndex,
): readonly DefinitionProblem[] {
  return analyseForm(form, dictionaries).problems;
}

/** Compiles a form once for many submissions; throws `DefinitionError` listing every problem. */
export function compileForm(form: FormDefinition, dictionaries?: DictionaryIndex): CompiledForm {
  const { compiled, problems } = analyseForm(form, dictionaries);
  if (compiled === null) throw new DefinitionError(problems);
  return compiled;
}
