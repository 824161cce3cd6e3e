import { ApiError } from '../../../common/errors';
import { duplicateKeyField } from './duplicate-key';
import { mergePatch } from './merge-patch';
import { escapeRegExp } from './pagination';

describe('mergePatch', () => {
  it('given a patch, when merged, then values replace, null removes and absent keys stay', () => {
    expect(mergePatch({ a: 1, b: 2, c: 3 }, { a: 9, b: null })).toEqual({ a: 9, c: 3 });
  });

  it.each([[null], [[1]], ['x'], [3]])(
    'given %p as the body, when merged, then 422 NOT_AN_OBJECT',
    (patch) => {
      expect(() => mergePatch({}, patch)).toThrow(ApiError);
    },
  );
});

describe('duplicateKeyField', () => {
  it('given a duplicate-key error, when inspected, then the colliding candidate is named', () => {
    expect(
      duplicateKeyField({ code: 11000, keyPattern: { institutionId: 1, code: 1 } }, ['code']),
    ).toBe('code');
    expect(
      duplicateKeyField({ code: 11000, message: 'E11000 index: nameKey_1 dup key' }, [
        'x',
        'nameKey',
      ]),
    ).toBe('nameKey');
  });

  it('given any other error, when inspected, then null', () => {
    expect(duplicateKeyField(new Error('boom'), ['code'])).toBeNull();
    expect(duplicateKeyField({ code: 112 }, ['code'])).toBeNull();
  });
});

describe('escapeRegExp', () => {
  it('given regex syntax in a search term, when escaped, then it matches only itself', () => {
    const pattern = new RegExp(escapeRegExp('(a+)+$.*'));
    expect(pattern.test('x(a+)+$.*y')).toBe(true);
    expect(pattern.test('aaaa')).toBe(false);
  });
});
