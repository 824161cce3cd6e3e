import type { DefinitionProblem } from '../types/common.types';
import type { Computation } from './compiled-form';
import { problem } from './problems';
import type { ComputationDraft } from './rule-compiler';

/**
 * Orders assignments and derived values so each runs after everything it reads is produced
 * (declaration order among equals); a cycle is a problem at one member, naming the whole loop.
 */
export function orderComputations(
  drafts: readonly ComputationDraft[],
  problems: DefinitionProblem[],
): Computation[] {
  const producers = new Map<string, number[]>();
  drafts.forEach((d, i) => producers.set(d.produces, [...(producers.get(d.produces) ?? []), i]));
  const state: (0 | 1 | 2)[] = drafts.map(() => 0);
  const order: Computation[] = [];
  const stack: number[] = [];
  const reported = new Set<string>();

  const visit = (i: number): void => {
    if (state[i] === 2) return;
    if (state[i] === 1) {
      const loop = stack
        .slice(stack.indexOf(i))
        .map((j) => (drafts[j] as ComputationDraft).produces);
      const id = [...loop].sort().join('>');
      if (!reported.has(id)) {
        reported.add(id);
        const chain = [...loop, loop[0]].join(' → ');
        problems.push(
          problem(
            'cycle',
            (drafts[i] as ComputationDraft).pointer,
            `计算存在循环依赖：${chain}`,
            `Circular dependency: ${chain}`,
          ),
        );
      }
      return;
    }
    state[i] = 1;
    stack.push(i);
    const draft = drafts[i] as ComputationDraft;
    for (const name of draft.reads) {
      for (const j of producers.get(name) ?? []) if (j !== i) visit(j);
      // An assignment reading its own target (x = x + 1) loops on itself.
      if (name === draft.produces && (producers.get(name) ?? []).includes(i)) visit(i);
    }
    stack.pop();
    state[i] = 2;
    order.push(draft.computation);
  };
  drafts.forEach((_, i) => visit(i));
  return order;
}
