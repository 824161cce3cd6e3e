import type {
  CompiledExpression,
  EvaluationContext,
  Value,
  ValueScope,
} from '../expressions/expression-api';
import type { CompiledRule, Computation } from '../model/compiled-form';

/** Whether a value is an evaluation fault rather than a value. */
export function isFault(
  value: Value | { readonly fault: true },
): value is { readonly fault: true } {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    (value as { fault?: unknown }).fault === true
  );
}

/** A condition holds only when it evaluates to exactly true; null (missing data) and faults do not. */
export function holds(
  expression: CompiledExpression | null,
  scope: ValueScope,
  context: EvaluationContext,
): boolean {
  return expression === null || expression.evaluate(scope, context) === true;
}

/** Evaluates a value; a fault becomes null and is counted so the caller can warn. */
function evaluateValue(
  expression: CompiledExpression,
  scope: ValueScope,
  context: EvaluationContext,
  faults: string[],
  at: string,
): Value {
  const result = expression.evaluate(scope, context);
  if (isFault(result)) {
    faults.push(at);
    return null;
  }
  return result as Value;
}

/**
 * Runs assignments and derived values in dependency order. Assigned values replace submitted ones;
 * a faulting expression yields null and its name is pushed to `faults`.
 */
export function runComputations(
  computations: readonly Computation[],
  scope: ValueScope,
  context: EvaluationContext,
  values: Record<string, unknown>,
  invalid: Set<string>,
  derived: Map<string, Value>,
  faults: string[],
): void {
  for (const c of computations) {
    if (c.kind === 'assign') {
      if (!holds(c.when, scope, context)) continue;
      values[c.target] = evaluateValue(c.value, scope, context, faults, `/${c.target}`);
      invalid.delete(c.target);
      continue;
    }
    const { definition } = c;
    let value: Value = definition.otherwise ?? null;
    if (c.expression !== null)
      value = evaluateValue(c.expression, scope, context, faults, `/derived/${definition.key}`);
    else {
      for (const option of c.cases) {
        if (option.when.evaluate(scope, context) === true) {
          value = option.value;
          break;
        }
      }
    }
    derived.set(definition.key, value);
  }
}

/** Fills `out[i]` with whether rule i holds. */
export function evaluateRules(
  rules: readonly CompiledRule[],
  scope: ValueScope,
  context: EvaluationContext,
  out: boolean[],
): void {
  for (let i = 0; i < rules.length; i++)
    out[i] = holds((rules[i] as CompiledRule).when, scope, context);
}
