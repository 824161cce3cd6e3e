import { buildForm, field } from '../../test/factories/form.factory';
import type { FormDefinition } from '../types/form.types';
import { ExpressionRejected } from './form-expressions';
import { createSafeFormilyCompiler } from './formily-compiler';

/** A form with a number, a date, a repeat with a row field, and a derived value. */
function sampleForm(): FormDefinition {
  const section = {
    kind: 'section' as const,
    key: 'main',
    title: { zh: '主', en: 'Main' },
    children: [
      field('temperature', 'number', { unit: '°C' }),
      field('birthDate', 'date'),
      {
        kind: 'repeat' as const,
        key: 'drugs',
        title: { zh: '药品', en: 'Drugs' },
        children: [field('days', 'integer')],
      },
    ],
  };
  const fever = {
    key: 'fever',
    type: 'boolean' as const,
    title: { zh: '发热', en: 'Fever' },
    expression: 'temperature >= params.threshold',
  };
  return buildForm([], [], [fever], { items: [section] });
}

describe('createSafeFormilyCompiler', () => {
  const sut = createSafeFormilyCompiler(sampleForm(), {
    now: () => new Date('2024-05-01T04:00:00Z'),
  });

  it('given Formily scope values, when a condition reads a field and a parameter, then it is evaluated by our language', () => {
    expect(sut('temperature >= params.threshold', { $values: { temperature: 38 } })).toBe(true);
    expect(sut('temperature >= params.threshold', { $values: { temperature: 36.5 } })).toBe(false);
  });

  it('given a parameter in the scope, when evaluated, then it overrides the form default', () => {
    expect(
      sut('temperature >= params.threshold', {
        $values: { temperature: 37.5 },
        params: { threshold: 38 },
      }),
    ).toBe(false);
  });

  it('given only $form.values, when evaluated, then the values are read from the form', () => {
    expect(sut('temperature + 1', { $form: { values: { temperature: 36 } } })).toBe(37);
  });

  it('given a string in a number field, when compared, then it reads as null like validate does', () => {
    expect(sut('temperature >= params.threshold', { $values: { temperature: '39' } })).toBe(false);
    expect(sut('temperature == null', { $values: { temperature: '39' } })).toBe(true);
  });

  it('given a derived value, when read, then it is computed from the same values', () => {
    expect(sut('derived.fever', { $values: { temperature: 37.3 } })).toBe(true);
  });

  it('given a row field, when evaluated in an ArrayTable row, then it reads $record', () => {
    expect(sut('days > 7', { $values: { drugs: [{ days: 8 }] }, $record: { days: 8 } })).toBe(true);
    expect(sut('count(drugs)', { $values: { drugs: [{ days: 8 }, { days: 1 }] } })).toBe(2);
  });

  it('given a fixed clock, when today() is evaluated, then the local date at UTC+8 comes back', () => {
    expect(sut('today()')).toBe('2024-05-01');
  });

  it('given a division by zero, when evaluated, then undefined comes back (Formily leaves the state alone)', () => {
    expect(
      sut('temperature / (temperature - temperature) > 1', { $values: { temperature: 37 } }),
    ).toBeUndefined();
  });

  it.each([
    'alert(1)',
    'temperature.constructor',
    'this',
    'drugs[0]',
    'x => x',
    'unknownField > 1',
  ])(
    'given JavaScript or an unknown name (%s), when compiled, then it is refused and never executed',
    (source) => {
      expect(() => sut(source, { $values: {} })).toThrow(ExpressionRejected);
    },
  );
});
