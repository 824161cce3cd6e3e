import { runGoldenCases } from './golden-runner';
import type { FormDefinition } from '../types/form.types';

const t = (zh: string) => ({ zh, en: zh });
const form = (expectValid: boolean, extra: Partial<FormDefinition> = {}): FormDefinition => ({
  kind: 'form',
  key: 'g',
  version: 1,
  title: t('g'),
  items: [{ kind: 'field', key: 'n', type: 'number', title: t('n'), required: true }],
  goldenCases: [
    {
      name: 'empty',
      input: {},
      expect: { valid: expectValid, errors: [{ path: '/n', code: 'required' }] },
    },
  ],
  ...extra,
});

describe('golden case runner', () => {
  it('given a case that matches, when run, then it passes', () => {
    expect(runGoldenCases(form(false))).toEqual([
      { index: 0, name: 'empty', passed: true, pointer: '/goldenCases/0', failures: [] },
    ]);
  });

  it('given a case expecting the wrong validity, when run, then it fails saying what differed', () => {
    const [sut] = runGoldenCases(form(true));
    expect(sut!.passed).toBe(false);
    expect(sut!.failures).toEqual(['valid: expected true, got false']);
  });

  it('given a form with a static problem, when run, then every case fails (it cannot be published)', () => {
    const broken = form(false, {
      rules: [{ id: 'r', when: 'nope', effects: [{ type: 'visible', target: 'n' }] }],
    });
    expect(runGoldenCases(broken)[0]!.failures[0]).toMatch(/static problem/);
  });

  it('given a case listing warnings, when a different warning fires, then it names both sides', () => {
    // given a rule that warns above 40, and a case that expects a warning that never comes
    const warning = {
      id: 'hot',
      when: 'n > 40',
      effects: [{ type: 'warning' as const, target: 'n', message: t('核实') }],
    };
    const sut = form(true, {
      rules: [warning],
      goldenCases: [
        { name: 'hot', input: { n: 41 }, expect: { valid: true, warnings: [] } },
        {
          name: 'cool',
          input: { n: 20 },
          expect: { valid: true, warnings: [{ path: '/n', code: 'hot' }] },
        },
      ],
    });

    // when run
    const [hot, cool] = runGoldenCases(sut);

    // then the unexpected and the missing warning are both reported
    expect(hot!.failures).toEqual(['unexpected warning /n hot']);
    expect(cool!.failures).toEqual(['missing warning /n hot']);
  });
});
