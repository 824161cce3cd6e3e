import type { CompiledExpression, TypeScope, ValueType } from '../expressions/expression-api';
import { valueTypeOf } from '../fields/field-types';
import type { DefinitionProblem } from '../types/common.types';
import type { FormDefinition, RuleDefinition } from '../types/form.types';
import type { CompiledEffect, CompiledRule, Computation } from './compiled-form';
import { compileSlot } from './expression-slot';
import { formTypeScope, withOptionScope } from './form-scope';
import type { FormTree, RepeatEntry } from './form-tree';
import { isRepeatEntry } from './form-tree';
import { problem } from './problems';

const BOOLEAN: ValueType = { kind: 'boolean' };

/** An assignment or derived value with what it produces and reads, for ordering and cycle checks. */
export interface ComputationDraft {
  readonly computation: Computation;
  /** A field key, or `derived.<key>`. */
  readonly produces: string;
  readonly reads: readonly string[];
  readonly pointer: string;
}

/** Rules compiled: top-level rules, per-repeat row rules, and assignments as computations. */
export interface CompiledRules {
  readonly rules: CompiledRule[];
  readonly rowRules: Map<string, CompiledRule[]>;
  readonly assignments: ComputationDraft[];
}

/** The name a dependency path stands for in the computation graph. */
export function dependencyName(path: string): string | null {
  const [head, second] = path.split('.');
  if (head === 'params' || head === 'option') return null;
  if (head === 'derived') return `derived.${second ?? ''}`;
  return head ?? null;
}

/** Names read by compiled expressions, deduplicated. */
export function namesRead(expressions: readonly (CompiledExpression | null)[]): string[] {
  const names = new Set<string>();
  for (const e of expressions)
    for (const d of e?.dependencies ?? []) {
      const name = dependencyName(d);
      if (name !== null) names.add(name);
    }
  return [...names];
}

const CODED = new Set(['choice', 'multiChoice', 'lookup']);

function compileRule(
  rule: RuleDefinition,
  pointer: string,
  tree: FormTree,
  scope: TypeScope,
  repeat: RepeatEntry | undefined,
  out: CompiledRules,
  problems: DefinitionProblem[],
): CompiledRule {
  const when =
    rule.when === undefined
      ? null
      : compileSlot(rule.when, scope, `${pointer}/when`, BOOLEAN, problems);
  const effects: CompiledEffect[] = [];
  rule.effects.forEach((effect, i) => {
    const at = `${pointer}/effects/${i}`;
    if (effect.target === undefined) {
      if (effect.type === 'error' || effect.type === 'warning')
        effects.push({
          type: effect.type,
          code: rule.id,
          target: undefined,
          message: effect.message,
        });
      return;
    }
    const child = repeat?.children.find((c) => c.field.key === effect.target);
    const top = tree.topLevel.get(effect.target);
    const target = child ?? top;
    if (target === undefined) {
      problems.push(
        problem(
          'unknown-field',
          `${at}/target`,
          `字段“${effect.target}”不存在`,
          `Unknown field “${effect.target}”`,
        ),
      );
      return;
    }
    const field = isRepeatEntry(target) ? undefined : target.field;
    if (
      repeat !== undefined &&
      child === undefined &&
      effect.type !== 'error' &&
      effect.type !== 'warning'
    ) {
      problems.push(
        problem(
          'target-outside-row',
          `${at}/target`,
          '行规则只能作用于本行字段',
          'A row rule may only target fields of its row',
        ),
      );
      return;
    }
    switch (effect.type) {
      case 'visible':
      case 'required':
      case 'readonly':
        effects.push({ type: effect.type, target: effect.target, value: effect.value ?? true });
        return;
      case 'error':
      case 'warning':
        effects.push({
          type: effect.type,
          code: rule.id,
          target: effect.target,
          message: effect.message,
        });
        return;
      case 'options': {
        if (field === undefined || !CODED.has(field.type)) {
          problems.push(
            problem(
              'wrong-field-type',
              `${at}/target`,
              '选项过滤只适用于选择类字段',
              'An options filter needs a choice, multiChoice or lookup field',
            ),
          );
          return;
        }
        const filter = compileSlot(
          effect.filter,
          withOptionScope(scope),
          `${at}/filter`,
          BOOLEAN,
          problems,
        );
        if (filter !== null) effects.push({ type: 'options', target: effect.target, filter });
        return;
      }
      case 'assign': {
        if (repeat !== undefined) {
          problems.push(
            problem(
              'unsupported-effect',
              at,
              '行规则暂不支持赋值',
              'Row rules cannot assign values yet',
            ),
          );
          return;
        }
        if (field === undefined) {
          problems.push(
            problem(
              'wrong-field-type',
              `${at}/target`,
              '只能给字段赋值',
              'Only a field can be assigned',
            ),
          );
          return;
        }
        const value = compileSlot(effect.value, scope, `${at}/value`, valueTypeOf(field), problems);
        if (value === null) return;
        out.assignments.push({
          computation: { kind: 'assign', ruleId: rule.id, target: effect.target, when, value },
          produces: effect.target,
          reads: namesRead([when, value]),
          pointer: `${at}/value`,
        });
        return;
      }
    }
  });
  return { id: rule.id, when, effects };
}

/** Compiles every rule against the form's type scope (row scope for rules with `scope`). */
export function compileRules(
  form: FormDefinition,
  tree: FormTree,
  problems: DefinitionProblem[],
): CompiledRules {
  const out: CompiledRules = { rules: [], rowRules: new Map(), assignments: [] };
  const formScope = formTypeScope(form, tree);
  const ids = new Set<string>();
  (form.rules ?? []).forEach((rule, i) => {
    const pointer = `/rules/${i}`;
    if (ids.has(rule.id))
      problems.push(
        problem(
          'duplicate-key',
          `${pointer}/id`,
          `规则“${rule.id}”重复`,
          `Duplicate rule “${rule.id}”`,
        ),
      );
    ids.add(rule.id);
    if (rule.scope === undefined) {
      out.rules.push(compileRule(rule, pointer, tree, formScope, undefined, out, problems));
      return;
    }
    const repeat = tree.topLevel.get(rule.scope);
    if (repeat === undefined || !isRepeatEntry(repeat)) {
      problems.push(
        problem(
          'unknown-repeat',
          `${pointer}/scope`,
          `重复组“${rule.scope}”不存在`,
          `Unknown repeat “${rule.scope}”`,
        ),
      );
      return;
    }
    const compiled = compileRule(
      rule,
      pointer,
      tree,
      formTypeScope(form, tree, repeat),
      repeat,
      out,
      problems,
    );
    const list = out.rowRules.get(rule.scope) ?? [];
    list.push(compiled);
    out.rowRules.set(rule.scope, list);
  });
  return out;
}
