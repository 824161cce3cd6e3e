import { checkDictionary } from '../src/model/dictionary-checks';
import type { Dictionary } from '../src/types/dictionary.types';
import { loadDictionaries } from './content-loader';

const t = (zh: string) => ({ zh, en: zh });
const dict = (items: Dictionary['items']): Dictionary => ({
  kind: 'dictionary',
  key: 'd',
  version: 1,
  title: t('d'),
  items,
});

describe('dictionary checks', () => {
  it('given the province dictionaries, when checked, then none has a problem', () => {
    for (const d of loadDictionaries())
      expect({ key: d.key, problems: checkDictionary(d) }).toEqual({ key: d.key, problems: [] });
  });

  it('given a repeated code and an unknown parent, when checked, then both are reported', () => {
    const sut = dict([
      { code: 'a', label: t('a') },
      { code: 'a', label: t('a') },
      { code: 'b', label: t('b'), parent: 'z' },
    ]);
    expect(checkDictionary(sut).map((p) => `${p.pointer} ${p.code}`)).toEqual([
      '/items/1/code duplicate-key',
      '/items/2/parent unknown-parent',
    ]);
  });

  it('given two items parenting each other, when checked, then cycle', () => {
    const sut = dict([
      { code: 'a', label: t('a'), parent: 'b' },
      { code: 'b', label: t('b'), parent: 'a' },
    ]);
    expect(checkDictionary(sut).map((p) => p.code)).toEqual(['cycle', 'cycle']);
  });
});
