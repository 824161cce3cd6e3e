import { cascaderOptions, dictionaryOptions } from './dictionary-options';

describe('dictionary options for the preview pickers', () => {
  const regions = {
    items: [
      { code: '44', label: { zh: '广东省', en: 'Guangdong' } },
      { code: '4419', label: { zh: '东莞市', en: 'Dongguan' }, parent: '44' },
      { code: '441900', label: { zh: '东莞市辖区' }, parent: '4419' },
    ],
  };

  it('labels items in the chosen language, Chinese when English is missing', () => {
    expect(dictionaryOptions(regions, 'en').map((o) => o.label)).toEqual([
      'Guangdong',
      'Dongguan',
      '东莞市辖区',
    ]);
  });

  it('nests items under their parents for a cascader', () => {
    expect(cascaderOptions(dictionaryOptions(regions, 'zh'))).toEqual([
      {
        value: '44',
        label: '广东省',
        children: [
          { value: '4419', label: '东莞市', children: [{ value: '441900', label: '东莞市辖区' }] },
        ],
      },
    ]);
  });
});
