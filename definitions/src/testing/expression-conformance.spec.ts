import corpusJson from '../../conformance/expressions.json';
import { compileExpression } from '../expressions';
import {
  DEFAULT_CONFORMANCE_NOW,
  conformanceCases,
  runConformanceCase,
  runExpressionConformance,
  type ExpressionConformanceCorpus,
} from './expression-conformance';

const corpus = corpusJson as unknown as ExpressionConformanceCorpus;
const cases = conformanceCases(corpus);

describe('expression conformance corpus', () => {
  it('has at least 220 cases with unique ids, grouped by topic', () => {
    // given the corpus file
    const ids = cases.map((c) => c.id);

    // then
    expect(cases.length).toBeGreaterThanOrEqual(220);
    expect(new Set(ids).size).toBe(ids.length);
    expect(corpus.groups.map((g) => g.topic)).toEqual(
      expect.arrayContaining([
        'literals',
        'precedence',
        'null-semantics',
        'units',
        'dates',
        'lists',
        'patterns',
        'static-errors',
      ]),
    );
    expect(corpus.defaults?.now).toBe(DEFAULT_CONFORMANCE_NOW);
  });

  it('passes every case with compileExpression', () => {
    // when the whole corpus runs
    const report = runExpressionConformance(cases, compileExpression);

    // then no case fails; the failure list names each failing id with its reason
    expect(report.failed.map((f) => `${f.id}: ${f.reason}`)).toEqual([]);
    expect(report.passed).toBe(cases.length);
  });
});

describe('runExpressionConformance', () => {
  it('reports a wrong value with the id and a reason', () => {
    // given a case whose expectation is wrong
    const wrong = { id: 'demo/wrong', expression: '1 + 1', expect: { value: 3 } };

    // when
    const result = runConformanceCase(wrong, compileExpression);

    // then
    expect(result).toEqual({ id: 'demo/wrong', pass: false, reason: 'expected 3, got 2' });
  });

  it('fails an error case that compiles, and an error at the wrong position', () => {
    // given
    const compiles = { id: 'a', expression: '1', expect: { error: 'syntax' } };
    const misplaced = {
      id: 'b',
      expression: 'foo',
      expect: { error: 'unknown-field', at: { line: 1, column: 2 } },
    };

    // when
    const report = runExpressionConformance([compiles, misplaced], compileExpression);

    // then
    expect(report.passed).toBe(0);
    expect(report.failed.map((f) => f.reason)).toEqual([
      'expected static error syntax, but it compiled',
      'expected unknown-field@1:2, got unknown-field@1:1',
    ]);
  });

  it('turns a compiler that throws into a failed case', () => {
    // given a broken compiler
    const broken = () => {
      throw new Error('boom');
    };

    // when
    const result = runConformanceCase({ id: 'x', expression: '1', expect: { value: 1 } }, broken);

    // then
    expect(result.pass).toBe(false);
    expect(result.reason).toContain('boom');
  });
});
