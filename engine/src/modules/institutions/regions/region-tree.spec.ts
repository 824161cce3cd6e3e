import { readShippedRegions } from './region-content';
import { RegionTree, RegionTreeError } from './region-tree';

const name = (zh: string) => ({ zh, en: zh });

describe('RegionTree', () => {
  const sut = RegionTree.fromItems([
    { code: '441900003', name: name('东城街道'), parent: '441900' },
    { code: '440000', name: name('广东省') },
    { code: '441900', name: name('东莞市'), parent: '440000' },
    { code: '440100', name: name('广州市'), parent: '440000' },
  ]);

  it('given items in any order, when built, then each node has its level and path from the root', () => {
    expect(sut.node('441900003')).toEqual({
      code: '441900003',
      name: name('东城街道'),
      parent: '441900',
      level: 3,
      path: ['440000', '441900', '441900003'],
    });
    expect(sut.pathOf('440000')).toEqual(['440000']);
    expect(sut.pathOf('999999')).toEqual([]);
  });

  it('given the tree, when asked for children and subtrees, then roots, sorted children and ancestry answer', () => {
    expect(sut.childrenOf(null).map((n) => n.code)).toEqual(['440000']);
    expect(sut.childrenOf('440000').map((n) => n.code)).toEqual(['440100', '441900']);
    expect(sut.isWithin('441900003', '441900')).toBe(true);
    expect(sut.isWithin('441900003', '440100')).toBe(false);
    expect(sut.isWithin('441900', '441900')).toBe(true);
  });

  it.each([
    [
      'a duplicate code',
      [
        { code: 'A', name: name('a') },
        { code: 'A', name: name('b') },
      ],
      'appears twice',
    ],
    ['an unknown parent', [{ code: 'A', name: name('a'), parent: 'X' }], 'unknown parent X'],
    [
      'a cycle',
      [
        { code: 'A', name: name('a'), parent: 'B' },
        { code: 'B', name: name('b'), parent: 'A' },
      ],
      'its own ancestor',
    ],
    [
      'five levels',
      ['1', '2', '3', '4', '5'].map((code, i) => ({
        code,
        name: name(code),
        parent: i === 0 ? null : String(i),
      })),
      'deeper than 4',
    ],
  ])('given %s, when built, then it is refused naming the problem', (_, items, message) => {
    expect(() => RegionTree.fromItems(items)).toThrow(RegionTreeError);
    expect(() => RegionTree.fromItems(items)).toThrow(message);
  });

  it('given the shipped Guangdong and Hainan dictionaries, when built, then they form one valid two-province tree', async () => {
    const shipped = RegionTree.fromItems(await readShippedRegions());
    expect(shipped.childrenOf(null).map((n) => n.code)).toEqual(['440000', '460000']);
    expect(shipped.pathOf('441900003')).toEqual(['440000', '441900', '441900003']);
    expect(shipped.pathOf('460400100')).toEqual(['460000', '460400', '460400100']);
  });
});
