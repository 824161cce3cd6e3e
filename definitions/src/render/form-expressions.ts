import { compileExpression } from '../expressions/compile-expression';
import type { CompiledExpression, TypeScope } from '../expressions/expression-api';
import { formTypeScope, withOptionScope } from '../model/form-scope';
import type { FormTree, RepeatEntry } from '../model/form-tree';
import { flattenFormTree } from '../model/form-tree';
import type { DefinitionProblem } from '../types/common.types';
import type { FormDefinition } from '../types/form.types';

/** Thrown when a `{{ }}` holds something that is not an expression of the form language. */
export class ExpressionRejected extends Error {
  constructor(
    readonly source: string,
    readonly codes: readonly string[],
  ) {
    super(`not an expression of this form: ${source} (${codes.join(', ')})`);
  }
}

/** A form's expressions compiled once each, and the Formily dependency paths they read. */
export interface FormExpressions {
  readonly tree: FormTree;
  /** Repeat of each row field, by the row field's key (keys are unique in a form). */
  readonly rowOf: ReadonlyMap<string, RepeatEntry>;
  /** Compiles (cached); throws `ExpressionRejected` for anything the checker refuses. */
  compile(source: string): CompiledExpression;
  /** Formily dependency paths: `key` for a form field, `.key` for a sibling in the same row. */
  fieldsRead(source: string): string[];
}

/**
 * One type scope for every `{{ }}` of a form: top-level fields, `params`, `derived`, `option`, and
 * every repeat's row fields. Keys are unique in the whole form, so a row field's name can only
 * mean the field of the current row; that lets one compiler serve form- and row-level reactions.
 */
function renderTypeScope(form: FormDefinition, tree: FormTree): TypeScope {
  const top = formTypeScope(form, tree);
  const rows = new Map<RepeatEntry, TypeScope>(
    tree.repeats.map((r) => [r, formTypeScope(form, tree, r)]),
  );
  const rowOf = rowIndex(tree);
  return withOptionScope({
    resolve(path) {
      const repeat = path[0] === undefined ? undefined : rowOf.get(path[0]);
      return repeat === undefined ? top.resolve(path) : rows.get(repeat)?.resolve(path);
    },
  });
}

function rowIndex(tree: FormTree): Map<string, RepeatEntry> {
  const rowOf = new Map<string, RepeatEntry>();
  for (const r of tree.repeats) for (const c of r.children) rowOf.set(c.field.key, r);
  return rowOf;
}

/** Compiles and caches a form's expressions for the render mappings and the Formily compiler. */
export function formExpressions(form: FormDefinition): FormExpressions {
  const problems: DefinitionProblem[] = [];
  const tree = flattenFormTree(form, problems);
  const types = renderTypeScope(form, tree);
  const rowOf = rowIndex(tree);
  const cache = new Map<string, CompiledExpression>();
  const derivedSources = new Map(
    (form.derived ?? []).map((d) => [
      d.key,
      [d.expression, ...(d.cases ?? []).map((c) => c.when)].filter(
        (s): s is string => s !== undefined,
      ),
    ]),
  );

  const compile = (source: string): CompiledExpression => {
    const known = cache.get(source);
    if (known !== undefined) return known;
    const result = compileExpression(source, types);
    if (!result.ok)
      throw new ExpressionRejected(
        source,
        result.diagnostics.map((d) => d.code),
      );
    cache.set(source, result.expression);
    return result.expression;
  };

  const fieldsRead = (source: string): string[] => {
    const out = new Set<string>();
    const seenDerived = new Set<string>();
    const visit = (text: string): void => {
      for (const path of compile(text).dependencies) {
        const [head, second] = path.split('.');
        if (head === undefined || head === 'params' || head === 'option') continue;
        if (head === 'derived') {
          // A derived value is not a Formily field: depend on what it reads instead.
          if (second === undefined || seenDerived.has(second)) continue;
          seenDerived.add(second);
          for (const s of derivedSources.get(second) ?? []) visit(s);
          continue;
        }
        out.add(rowOf.has(head) ? `.${head}` : head);
      }
    };
    visit(source);
    return [...out];
  };

  return { tree, rowOf, compile, fieldsRead };
}
