import { compileExpression } from '../expressions';
import type { CompiledExpression, TypeScope, ValueType } from '../expressions/expression-api';
import type { DefinitionProblem } from '../types/common.types';

/**
 * Compiles one expression of a definition; its diagnostics become problems at `pointer`, with
 * offsets inside the expression string. Returns null when it does not compile.
 */
export function compileSlot(
  source: string,
  scope: TypeScope,
  pointer: string,
  expectedType: ValueType | undefined,
  problems: DefinitionProblem[],
): CompiledExpression | null {
  const result = compileExpression(
    source,
    scope,
    expectedType === undefined ? undefined : { expectedType },
  );
  if (result.ok) return result.expression;
  for (const d of result.diagnostics) {
    problems.push({
      code: d.code,
      message: d.message,
      pointer,
      start: d.start.offset,
      end: d.end.offset,
    });
  }
  return null;
}
