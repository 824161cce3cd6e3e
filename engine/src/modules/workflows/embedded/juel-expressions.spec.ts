import { juelExpressions, type ExpressionScope } from './juel-expressions';

const scope =
  (variables: Record<string, string | number | null>): (() => ExpressionScope) =>
  () => ({ variables, elementVariables: new Map([['sign', 'reviewer']]) });

describe('juelExpressions', () => {
  it('given a condition with operators, when resolved, then the JUEL subset evaluates it against the variables', () => {
    const sut = juelExpressions(scope({ decision: 'approve', amount: 12 }));

    expect(sut.resolveExpression("${decision == 'approve'}")).toBe(true);
    expect(sut.resolveExpression('${amount > 10 && decision != "reject"}')).toBe(true);
    expect(sut.resolveExpression('${missing}')).toBeNull();
  });

  it('given text without an expression, when resolved, then it is returned unchanged (error codes, cardinalities)', () => {
    const sut = juelExpressions(scope({}));

    expect(sut.resolveExpression('NOT_FOUND')).toBe('NOT_FOUND');
    expect(sut.resolveExpression('2')).toBe('2');
  });

  it('given a name on Object.prototype, when resolved, then it is null, not the prototype member', () => {
    expect(juelExpressions(scope({})).resolveExpression('${toString}')).toBeNull();
  });

  it('given a multi-instance completion condition, when resolved, then Camunda counters come from the iteration', () => {
    const sut = juelExpressions(scope({ decision: 'approve' }));
    const content = {
      id: 'review',
      isMultiInstance: true,
      index: 1,
      loopCardinality: 3,
      loopOutput: [undefined, {}],
    };

    expect(sut.resolveExpression('${nrOfCompletedInstances}', { content })).toBe(1);
    expect(sut.resolveExpression('${nrOfActiveInstances}', { content })).toBe(2);
    expect(sut.resolveExpression('${nrOfInstances}', { content })).toBe(3);
    expect(sut.resolveExpression('${loopCounter}', { content })).toBe(1);
  });

  it('given a collection iteration, when its element variable is read, then the item of that iteration is returned', () => {
    const sut = juelExpressions(scope({ reviewer: 'shadowed' }));

    expect(
      sut.resolveExpression('${reviewer}', {
        content: { id: 'sign', isMultiInstance: true, reviewer: 'doctor-li' },
      }),
    ).toBe('doctor-li');
  });
});
