import { MESSAGES, pick, translate } from './messages';

describe('the designer message table', () => {
  it('has both languages for every message, and the same placeholders in each', () => {
    for (const [key, text] of Object.entries(MESSAGES)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect({ key, zh: text.zh.length > 0, en: text.en.length > 0 }).toEqual({
        key,
        zh: true,
        en: true,
      });
      expect({ key, placeholders: names(text.en) }).toEqual({ key, placeholders: names(text.zh) });
    }
  });

  it('fills placeholders in the chosen language', () => {
    expect(translate('versionLabel', 'zh', { version: 3 })).toBe('第 3 版');
    expect(translate('versionLabel', 'en', { version: 3 })).toBe('Version 3');
  });

  it('leaves an unknown placeholder visible rather than printing "undefined"', () => {
    expect(translate('versionLabel', 'zh')).toBe('第 {version} 版');
  });

  it('falls back to Chinese when an engine text has no English', () => {
    expect(pick({ zh: '发热阈值' }, 'en')).toBe('发热阈值');
    expect(pick({ zh: '发热阈值', en: '' }, 'en')).toBe('发热阈值');
    expect(pick({ zh: '发热阈值', en: 'Fever threshold' }, 'en')).toBe('Fever threshold');
  });
});
