import type { CompiledExpression, ValueType } from '../expressions/expression-api';
import type { DefinitionProblem } from '../types/common.types';
import type { FormDefinition } from '../types/form.types';
import { compileSlot } from './expression-slot';
import { derivedType, formTypeScope } from './form-scope';
import type { FormTree } from './form-tree';
import { problem } from './problems';
import type { ComputationDraft } from './rule-compiler';
import { namesRead } from './rule-compiler';

const BOOLEAN: ValueType = { kind: 'boolean' };

/** Compiles derived values (an expression, or ordered `{ when, value }` cases) into computations. */
export function compileDerived(
  form: FormDefinition,
  tree: FormTree,
  problems: DefinitionProblem[],
): ComputationDraft[] {
  const scope = formTypeScope(form, tree);
  const drafts: ComputationDraft[] = [];
  const keys = new Set<string>();
  (form.derived ?? []).forEach((definition, i) => {
    const pointer = `/derived/${i}`;
    if (keys.has(definition.key))
      problems.push(
        problem(
          'duplicate-key',
          `${pointer}/key`,
          `派生值“${definition.key}”重复`,
          `Duplicate derived value “${definition.key}”`,
        ),
      );
    keys.add(definition.key);
    const type = derivedType(definition);
    const expression =
      definition.expression === undefined
        ? null
        : compileSlot(definition.expression, scope, `${pointer}/expression`, type, problems);
    const cases: { when: CompiledExpression; value: string | number | boolean }[] = [];
    (definition.cases ?? []).forEach((c, j) => {
      if (typeof c.value !== definition.type) {
        problems.push(
          problem(
            'type-mismatch',
            `${pointer}/cases/${j}/value`,
            `取值应为 ${definition.type}`,
            `Value must be a ${definition.type}`,
          ),
        );
      }
      const when = compileSlot(c.when, scope, `${pointer}/cases/${j}/when`, BOOLEAN, problems);
      if (when !== null) cases.push({ when, value: c.value });
    });
    const otherwise = definition.otherwise;
    if (otherwise !== undefined && otherwise !== null && typeof otherwise !== definition.type) {
      problems.push(
        problem(
          'type-mismatch',
          `${pointer}/otherwise`,
          `取值应为 ${definition.type}`,
          `Value must be a ${definition.type}`,
        ),
      );
    }
    drafts.push({
      computation: { kind: 'derived', definition, expression, cases },
      produces: `derived.${definition.key}`,
      reads: namesRead([expression, ...cases.map((c) => c.when)]),
      pointer: definition.expression === undefined ? `${pointer}/cases` : `${pointer}/expression`,
    });
  });
  return drafts;
}
