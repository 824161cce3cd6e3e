import { findUnsafeKey } from './stored-values';

describe('findUnsafeKey', () => {
  it('given values without operator-like keys, when checked, then null', () => {
    expect(findUnsafeKey({ a: 1, b: [{ c: 'x' }, null], d: { e: true } }, '/values')).toBeNull();
  });

  it('given an operator key deep in a repeat row, when checked, then its escaped JSON pointer', () => {
    const values = { ok: 1, 'rows/x': [{ fine: 1 }, { nested: { $where: 'x' } }] };

    expect(findUnsafeKey(values, '/values')).toBe('/values/rows~1x/1/nested/$where');
  });

  it('given a dotted key or a NUL in a key, when checked, then the first one is named', () => {
    expect(findUnsafeKey({ 'a.b': 1 }, '/values')).toBe('/values/a.b');
    expect(findUnsafeKey({ a: { 'x\u0000': 1 } }, '')).toBe('/a/x\u0000');
  });
});
