import { restDateToIso } from './engine-rest.types';
import {
  fromTypedValue,
  fromTypedVariables,
  STRING_COLUMN_LIMIT,
  toTypedValue,
  toTypedVariables,
} from './typed-variables';

describe('typed variables for engine-rest', () => {
  it('Given each JSON kind, When typed, Then every value carries the engine-rest type Operaton stores it as', () => {
    expect(
      toTypedVariables({
        a: null,
        b: true,
        c: 7,
        d: -(2 ** 31),
        e: 2 ** 31,
        f: 1.5,
        g: '审核',
        h: [1],
        i: { k: 'v' },
      }),
    ).toEqual({
      a: { value: null, type: 'Null' },
      b: { value: true, type: 'Boolean' },
      c: { value: 7, type: 'Integer' },
      d: { value: -(2 ** 31), type: 'Integer' },
      e: { value: 2 ** 31, type: 'Long' },
      f: { value: 1.5, type: 'Double' },
      g: { value: '审核', type: 'String' },
      h: { value: '[1]', type: 'Json' },
      i: { value: '{"k":"v"}', type: 'Json' },
    });
  });

  it('Given a string longer than the String column, When typed and read back, Then it travels as Json and comes back unchanged', () => {
    const long = 'x'.repeat(STRING_COLUMN_LIMIT + 1);
    const typed = toTypedValue(long);

    expect(typed.type).toBe('Json');
    expect(fromTypedValue(typed)).toBe(long);
    expect(toTypedValue('x'.repeat(STRING_COLUMN_LIMIT)).type).toBe('String');
  });

  it('Given a non-finite number, When typed, Then it is refused instead of sent as null', () => {
    expect(() => toTypedValue(Number.NaN)).toThrow('finite');
  });

  it('Given values as engine-rest or the external task client return them, When read, Then they become JSON values and foreign types read as null', () => {
    expect(
      fromTypedVariables({
        s: { type: 'String', value: 'a' },
        lower: { type: 'string', value: 'b' },
        n: { type: 'Long', value: 5 },
        j: { type: 'Json', value: '{"a":[1]}' },
        parsed: { type: 'json', value: { a: 1 } },
        d: { type: 'date', value: new Date('2024-05-01T10:00:00Z') },
        o: { type: 'Object', value: 'rO0ABXNy' },
        bad: { type: 'Json', value: '{' },
      }),
    ).toEqual({
      s: 'a',
      lower: 'b',
      n: 5,
      j: { a: [1] },
      parsed: { a: 1 },
      d: '2024-05-01T10:00:00.000Z',
      o: null,
      bad: null,
    });
  });

  it('Given engine-rest dates, When converted, Then the offset without a colon is understood', () => {
    expect(restDateToIso('2024-05-01T10:00:00.000+0200')).toBe('2024-05-01T08:00:00.000Z');
    expect(() => restDateToIso('yesterday')).toThrow('unreadable date');
  });
});
