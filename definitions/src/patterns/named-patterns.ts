import type { LocalizedText } from '../expressions/expression-api';
import { compilePattern, type SafePattern } from './safe-pattern';

/** A vetted pattern a form definition may reference by name. */
export interface NamedPatternDefinition {
  readonly source: string;
  readonly label: LocalizedText;
}

/** Named patterns for common Chinese formats; format checks only (checksums live elsewhere). */
export const NAMED_PATTERNS: Readonly<Record<string, NamedPatternDefinition>> = Object.freeze({
  'mobile-cn': {
    source: '^1[3-9]\\d{9}$',
    label: { zh: '手机号码', en: 'mainland mobile number' },
  },
  'landline-cn': {
    source: '^0\\d{2,3}-?\\d{7,8}$',
    label: { zh: '固定电话', en: 'landline number' },
  },
  'postcode-cn': { source: '^\\d{6}$', label: { zh: '邮政编码', en: 'postal code' } },
  digits: { source: '^\\d+$', label: { zh: '纯数字', en: 'digits only' } },
  'id-card-cn': {
    source: '^\\d{17}[\\dXx]$',
    label: { zh: '居民身份证号码（格式）', en: 'resident ID number (format)' },
  },
  'uscc-cn': {
    source: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$',
    label: { zh: '统一社会信用代码', en: 'unified social credit code' },
  },
  'name-zh': {
    source: '^[\\u4e00-\\u9fa5·]{2,20}$',
    label: { zh: '中文姓名', en: 'Chinese name' },
  },
  email: {
    source: '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,24}$',
    label: { zh: '电子邮箱', en: 'email address' },
  },
});

const compiled = new Map<string, SafePattern>(
  Object.entries(NAMED_PATTERNS).map(([name, def]) => {
    const result = compilePattern(def.source);
    if (!result.ok) throw new Error(`named pattern ${name} is not in the vetted subset`);
    return [name, result.pattern];
  }),
);

/** The compiled named pattern, or `undefined` for an unknown name. */
export function namedPattern(name: string): SafePattern | undefined {
  return compiled.get(name);
}
