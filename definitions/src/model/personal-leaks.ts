import type { DefinitionProblem } from '../types/common.types';
import type { PersonalKind } from '../types/form.types';
import type { FormTree } from './form-tree';
import { problem } from './problems';
import type { ComputationDraft } from './rule-compiler';
import { dependencyName } from './rule-compiler';

/**
 * Personal fields are encrypted at rest and masked in answers, but derived values and assigned
 * fields are stored and shown as they are. So a computation may not copy a personal value into
 * something that is not personal: a string or number derived value, or an assignment to an
 * untagged field, that reads a personal field (directly or through another such value) is refused
 * at publish. Booleans only say yes or no about the value, and a number computed from a birth date
 * (an age) is the usual, accepted generalisation; both stay allowed.
 */
export function checkPersonalLeaks(
  drafts: readonly ComputationDraft[],
  tree: FormTree,
  problems: DefinitionProblem[],
): void {
  const kindOf = new Map<string, PersonalKind>();
  for (const entry of [...tree.fields, ...tree.repeats.flatMap((r) => r.children)]) {
    if (entry.field.personal !== undefined) kindOf.set(entry.field.key, entry.field.personal);
  }
  if (kindOf.size === 0) return;

  // Values that carry personal data, grown to a fixpoint so derived-of-derived is caught.
  const carriers = new Set(kindOf.keys());
  const reported = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const draft of drafts) {
      const leak = leakOf(draft, carriers, kindOf);
      if (leak === null || carriers.has(draft.produces)) continue;
      carriers.add(draft.produces);
      grew = true;
      if (!reported.has(draft.pointer)) {
        reported.add(draft.pointer);
        problems.push(
          problem(
            'personal-data-copied',
            draft.pointer,
            `“${draft.produces}”会把个人信息“${leak}”以明文保存和显示；请改为布尔判断，或把目标字段标记为个人信息`,
            `“${draft.produces}” would store and show personal data from “${leak}” in clear; compute a yes/no instead, or tag the target field as personal`,
          ),
        );
      }
    }
  }
}

/** The personal name a computation copies into a non-personal value, or null. */
function leakOf(
  draft: ComputationDraft,
  carriers: ReadonlySet<string>,
  kindOf: ReadonlyMap<string, PersonalKind>,
): string | null {
  const { computation } = draft;
  if (computation.kind === 'assign') {
    if (kindOf.has(computation.target)) return null; // stays encrypted and masked
    return firstCarrier(computation.value.dependencies, carriers, kindOf, 'string');
  }
  const { definition, expression } = computation;
  // Cases yield literals written in the definition, never a value taken from the submission.
  if (expression === null || definition.type === 'boolean') return null;
  return firstCarrier(expression.dependencies, carriers, kindOf, definition.type);
}

function firstCarrier(
  dependencies: readonly string[],
  carriers: ReadonlySet<string>,
  kindOf: ReadonlyMap<string, PersonalKind>,
  outputType: 'string' | 'number',
): string | null {
  for (const dependency of dependencies) {
    const name = dependencyName(dependency);
    if (name === null || !carriers.has(name)) continue;
    if (outputType === 'number' && kindOf.get(name) === 'birthDate') continue; // an age
    return name;
  }
  return null;
}
