import type { DefinitionProblem } from '../types/common.types';
import type { Dictionary } from '../types/dictionary.types';
import { problem } from './problems';

/** Static checks of a dictionary: unique codes, parents that exist, no loops in the hierarchy. */
export function checkDictionary(dictionary: Dictionary): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const parents = new Map<string, string | undefined>();
  dictionary.items.forEach((item, i) => {
    if (parents.has(item.code)) {
      problems.push(
        problem(
          'duplicate-key',
          `/items/${i}/code`,
          `代码“${item.code}”重复`,
          `Duplicate code “${item.code}”`,
        ),
      );
    }
    parents.set(item.code, item.parent);
  });
  dictionary.items.forEach((item, i) => {
    if (item.parent === undefined) return;
    if (!parents.has(item.parent)) {
      problems.push(
        problem(
          'unknown-parent',
          `/items/${i}/parent`,
          `上级代码“${item.parent}”不存在`,
          `Unknown parent “${item.parent}”`,
        ),
      );
      return;
    }
    const seen = new Set<string>([item.code]);
    for (
      let current = parents.get(item.code);
      current !== undefined;
      current = parents.get(current)
    ) {
      if (seen.has(current)) {
        problems.push(
          problem(
            'cycle',
            `/items/${i}/parent`,
            `上级关系存在循环：${item.code}`,
            `Parent links loop at “${item.code}”`,
          ),
        );
        break;
      }
      seen.add(current);
    }
  });
  return problems;
}
