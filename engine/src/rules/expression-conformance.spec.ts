import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileExpression,
  conformanceCases,
  runExpressionConformance,
  type ExpressionConformanceCorpus,
} from '@sentinel/definitions';

/**
 * The engine re-validates every submission with the evaluator from `definitions`; the shared
 * conformance corpus runs here too, so a bundling or transpilation difference on the server side
 * cannot go unnoticed (ADR 0002, 0005).
 */
const corpusPath = join(
  __dirname,
  '..',
  '..',
  '..',
  'definitions',
  'conformance',
  'expressions.json',
);
const corpus = JSON.parse(readFileSync(corpusPath, 'utf8')) as ExpressionConformanceCorpus;

describe('expression conformance corpus, run by the engine', () => {
  it('passes every case', () => {
    // given the shared corpus
    const cases = conformanceCases(corpus);

    // when it runs through the engine's import of the evaluator
    const report = runExpressionConformance(cases, compileExpression);

    // then nothing fails, and the corpus is the full one
    expect(cases.length).toBeGreaterThanOrEqual(220);
    expect(report.failed.map((f) => `${f.id}: ${f.reason}`)).toEqual([]);
  });
});
