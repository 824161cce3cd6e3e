import { compileExpression } from './compile-expression';
import type { CompiledExpression, ValueScope } from './expression-api';
import { isFault } from './faults';
import { scopeFromObject, scopeFromPaths, typeScopeFromRecord } from './scopes';
import { T } from './value-types';

const types = typeScopeFromRecord({
  temperature: T.number('°C'),
  'params.feverThreshold': T.number('°C'),
  referral: T.string(),
  patient: T.record({ name: T.string(), birthDate: T.date() }),
  epiHistory: T.list(T.string()),
});
const context = { now: new Date('2026-03-15T02:00:00Z'), utcOffsetMinutes: 480 };

function compiled(source: string, options = {}): CompiledExpression {
  const result = compileExpression(source, types, options);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message.en).join('; '));
  return result.expression;
}

describe('compileExpression', () => {
  it('evaluates the fever rule against a changeable parameter', () => {
    // given
    const sut = compiled('temperature >= params.feverThreshold and isEmpty(referral)');

    // when
    const fever = sut.evaluate(
      scopeFromPaths({ temperature: 37.3, 'params.feverThreshold': 37.3 }),
      context,
    );
    const raised = sut.evaluate(
      scopeFromPaths({ temperature: 37.3, 'params.feverThreshold': 37.5 }),
      context,
    );

    // then
    expect(fever).toBe(true);
    expect(raised).toBe(false);
    expect(sut.type).toEqual({ kind: 'boolean' });
  });

  it('lists dependencies once each, in order of appearance', () => {
    // when
    const sut = compiled('temperature > 1 ? patient.name : coalesce(referral, patient.name)');

    // then
    expect(sut.dependencies).toEqual(['temperature', 'patient.name', 'referral']);
  });

  it('reads nested records through scopeFromObject', () => {
    // given
    const sut = compiled('age(patient.birthDate) >= 18 and startsWith(patient.name, "张")');

    // when
    const result = sut.evaluate(
      scopeFromObject({ patient: { name: '张三', birthDate: '2000-01-01' } }),
      context,
    );

    // then
    expect(result).toBe(true);
  });

  it('checks the expected type of a rule', () => {
    // when
    const result = compileExpression('temperature + 1', types, { expectedType: T.boolean() });

    // then
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics[0]).toMatchObject({
      code: 'type-mismatch',
      message: {
        zh: '表达式应为 boolean，实际为 number(°C)',
        en: 'expression must be boolean, got number(°C)',
      },
    });
  });

  it('reports several errors with bilingual messages and exact positions', () => {
    // when
    const result = compileExpression('temprature >= 37.3 and\n  isEmpty(refferal)', types);

    // then
    expect(result.ok).toBe(false);
    const diagnostics = result.ok ? [] : result.diagnostics;
    expect(diagnostics.map((d) => [d.code, d.start.line, d.start.column, d.end.column])).toEqual([
      ['unknown-field', 1, 1, 11],
      ['unknown-field', 2, 11, 19],
    ]);
    expect(diagnostics[0]?.message).toEqual({
      zh: '未知字段 "temprature"',
      en: 'unknown field "temprature"',
    });
  });

  it('returns faults instead of throwing, even when the scope itself throws', () => {
    // given
    const sut = compiled('temperature / 0');
    const exploding: ValueScope = {
      get: () => {
        throw new Error('store offline');
      },
    };

    // when
    const division = sut.evaluate(scopeFromPaths({ temperature: 38 }), context);
    const broken = sut.evaluate(exploding, context);

    // then
    expect(isFault(division) && division.code).toBe('division-by-zero');
    expect(isFault(broken) && broken.code).toBe('internal');
  });

  it('never executes an escape attempt: it is a static error and nothing leaks', () => {
    // given
    const attempts = [
      'constructor.constructor("return process")()',
      '__proto__.polluted',
      'patient.__proto__',
      'patient.constructor.prototype',
      'this',
      'globalThis.process.exit(1)',
    ];

    // when
    const results = attempts.map((a) => compileExpression(a, types));

    // then
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never walks the prototype chain of a value', () => {
    // given a submission carrying a hostile own property named like a prototype key
    const sut = compiled('isEmpty(patient.name)');
    const hostile = JSON.parse('{"patient": {"__proto__": {"name": "x"}}}');

    // when
    const result = sut.evaluate(scopeFromObject(hostile), context);

    // then the inherited name is not seen
    expect(result).toBe(true);
  });

  it('evaluates repeatedly without re-parsing (closures built once)', () => {
    // given
    const sut = compiled("temperature >= 37.3 and 'cough' in epiHistory");
    const scope = scopeFromPaths({ temperature: 38, epiHistory: ['cough'] });

    // when
    let trues = 0;
    for (let i = 0; i < 100_000; i++) if (sut.evaluate(scope, context) === true) trues++;

    // then
    expect(trues).toBe(100_000);
  });
});
