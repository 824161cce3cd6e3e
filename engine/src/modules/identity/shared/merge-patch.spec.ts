import { ApiError } from '../../../common/errors';
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

describe('escapeRegExp', () => {
  it('given regex syntax in a search term, when escaped, then it matches only itself', () => {
    const pattern = new RegExp(escapeRegExp('(a+)+$.*'));
    expect(pattern.test('x(a+)+$.*y')).toBe(true);
    expect(pattern.test('aaaa')).toBe(false);
  });
});
