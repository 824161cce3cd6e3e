import { evaluateTemplate, isJuelTemplate } from '../bpmn';
import type { VariableValue } from '../runtime';

/** The part of a bpmn-engine message an expression is evaluated against. */
export interface ExpressionContent {
  readonly id?: string;
  readonly isMultiInstance?: boolean;
  readonly isSequential?: boolean;
  readonly index?: number;
  readonly loopCardinality?: number;
  /** Present only while a completion condition is evaluated: one entry per finished iteration. */
  readonly loopOutput?: readonly unknown[];
  readonly [key: string]: unknown;
}

/** What bpmn-elements passes to `expressions.resolveExpression`. */
export interface ExpressionContext {
  readonly content?: ExpressionContent;
}

/** The `expressions` option of bpmn-engine (bpmn-elements only ever calls `resolveExpression`). */
export interface ExpressionHandler {
  resolveExpression(expression: unknown, context?: ExpressionContext): unknown;
  isExpression(text: unknown): boolean;
  hasExpression(text: unknown): boolean;
}

/** Where an expression's names come from during one hydration. */
export interface ExpressionScope {
  /** The instance's process variables (the session writes merges into this object). */
  readonly variables: Readonly<Record<string, VariableValue>>;
  /** Multi-instance activity id → the name its collection item is read by. */
  readonly elementVariables: ReadonlyMap<string, string>;
}

/**
 * Replaces bpmn-engine's default expressions (property paths only: `${decision == 'approve'}`
 * would fail) with the JUEL subset of `../bpmn`. Text without `${...}` is returned unchanged,
 * because bpmn-elements also passes plain attribute values (error codes, `loopCardinality`) here.
 */
export function juelExpressions(scope: () => ExpressionScope): ExpressionHandler {
  return {
    resolveExpression(expression, context) {
      if (typeof expression !== 'string' || !isJuelTemplate(expression)) return expression;
      const current = scope();
      return evaluateTemplate(expression, (name) => lookupName(name, context?.content, current));
    },
    isExpression: (text) => typeof text === 'string' && /^\s*[$#]\{[\s\S]*\}\s*$/.test(text),
    hasExpression: (text) => typeof text === 'string' && isJuelTemplate(text),
  };
}

/** Resolves one JUEL identifier: multi-instance counters, the collection item, then variables. */
export function lookupName(
  name: string,
  content: ExpressionContent | undefined,
  scope: ExpressionScope,
): unknown {
  if (content?.isMultiInstance === true) {
    const counter = multiInstanceCounter(name, content);
    if (counter !== undefined) return counter;
    const elementVariable =
      content.id === undefined ? undefined : scope.elementVariables.get(content.id);
    if (elementVariable === name) return content[name];
  }
  return Object.hasOwn(scope.variables, name) ? scope.variables[name] : null;
}

/**
 * Camunda's multi-instance variables. `nrOfCompletedInstances` is only known while the
 * completion condition is evaluated (bpmn-elements hands over the iterations' outputs then).
 */
function multiInstanceCounter(name: string, content: ExpressionContent): number | null | undefined {
  const instances = content.loopCardinality ?? null;
  const completed =
    content.loopOutput === undefined
      ? null
      : content.loopOutput.filter((output) => output !== undefined).length;
  switch (name) {
    case 'loopCounter':
      return content.index ?? null;
    case 'nrOfInstances':
      return instances;
    case 'nrOfCompletedInstances':
      return completed;
    case 'nrOfActiveInstances':
      if (instances === null || completed === null) return null;
      // As in Camunda: a sequential body always has one instance running.
      return content.isSequential === true ? 1 : instances - completed;
    default:
      return undefined;
  }
}
