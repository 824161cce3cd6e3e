import { InvalidVariablesError } from '../runtime';
import { normaliseVariables } from './process-variables';

describe('normaliseVariables', () => {
  it('given JSON values and a date, when normalised, then they are copied with the date as ISO text and undefined dropped', () => {
    const sut = normaliseVariables({
      decision: 'approve',
      amount: 3.5,
      ok: true,
      none: null,
      skipped: undefined,
      at: new Date('2026-01-02T03:04:05.000Z'),
      nested: { list: [1, { deep: 'x' }] },
    });

    expect(sut).toEqual({
      decision: 'approve',
      amount: 3.5,
      ok: true,
      none: null,
      at: '2026-01-02T03:04:05.000Z',
      nested: { list: [1, { deep: 'x' }] },
    });
  });

  it.each(['fields', 'content', 'properties', 'nrOfInstances', 'loopCounter'])(
    'given the reserved name %s, when normalised, then it is refused naming it',
    (name) => {
      expect(() => normaliseVariables({ [name]: 1 })).toThrow(
        new InvalidVariablesError(name, 'is a reserved name; choose another'),
      );
    },
  );

  it.each([
    ['a name that is not an identifier', { 'a-b': 1 }],
    ['a function', { f: () => 1 }],
    ['a non-finite number', { n: Number.NaN }],
    ['a class instance', { m: new Map() }],
    ['a key MongoDB cannot store', { o: { $where: 1 } }],
    ['a dotted key', { o: { 'a.b': 1 } }],
  ])('given %s, when normalised, then InvalidVariablesError is thrown', (_label, input) => {
    expect(() => normaliseVariables(input as Record<string, unknown>)).toThrow(
      InvalidVariablesError,
    );
  });
});
