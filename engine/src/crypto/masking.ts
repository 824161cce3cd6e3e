import type { PersonalKind } from '@sentinel/definitions';
import type { MaskFunction } from './field-protection';

/** What replaces a value that has no partially visible form. */
const HIDDEN = '******';
/** What replaces the street-level part of an address. */
const HIDDEN_DETAIL = '****';

/**
 * Two-character surnames (复姓), so `欧阳娜娜` shows `欧阳**` like `张三` shows `张*`: the surname
 * stays readable, the given name does not. The common ones; a rarer one simply shows one character.
 */
const COMPOUND_SURNAMES = new Set(
  (
    '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 轩辕 端木 独孤 南宫 ' +
    '西门 百里 呼延 万俟 闻人 赫连 澹台 公冶 宗政 濮阳 太叔 申屠 钟离 司空 东郭 拓跋 鲜于 闾丘'
  ).split(' '),
);

/** Keeps `head` leading and `tail` trailing characters; too short to keep both → all hidden. */
function keepEnds(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (chars.length <= head + tail) return '*'.repeat(Math.max(chars.length, 1));
  return (
    chars.slice(0, head).join('') +
    '*'.repeat(chars.length - head - tail) +
    chars.slice(chars.length - tail).join('')
  );
}

function maskName(value: string): string {
  const chars = Array.from(value.trim());
  if (chars.length <= 1) return '*';
  const kept = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  return chars.slice(0, kept).join('') + '*'.repeat(chars.length - kept);
}

function maskBirthDate(value: unknown): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return `${value.getUTCFullYear()}-**-**`;
  }
  const year = typeof value === 'string' ? /^(\d{4})-\d{2}-\d{2}/.exec(value)?.[1] : undefined;
  return year === undefined ? HIDDEN : `${year}-**-**`;
}

/** `{region, detail}` keeps the region (coarse, needed for reports) and hides the rest. */
function maskAddress(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'region' in value) {
    return { region: (value as { region: unknown }).region, detail: HIDDEN_DETAIL };
  }
  return HIDDEN_DETAIL;
}

/** Text forms of ID numbers and phones; numbers count (a phone may arrive as a number). */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * How a personal value appears in an answer without the unmask permission (SECURITY.md 15):
 * ID number `1101**********5998`, phone `134****5678`, name `张*`, birth date `1994-**-**`,
 * address `{region, detail: '****'}`, anything else `******`. null/undefined stay as they are
 * (absence is not personal); arrays are masked element by element.
 */
export const maskPersonal: MaskFunction = (kind: PersonalKind, value: unknown): unknown => {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => maskPersonal(kind, item));
  switch (kind) {
    case 'idNumber': {
      const text = asText(value);
      return text === undefined ? HIDDEN : keepEnds(text, 4, 4);
    }
    case 'phone': {
      const text = asText(value);
      return text === undefined ? HIDDEN : keepEnds(text, 3, 4);
    }
    case 'name':
      return typeof value === 'string' ? maskName(value) : HIDDEN;
    case 'birthDate':
      return maskBirthDate(value);
    case 'address':
      return maskAddress(value);
    default:
      return HIDDEN;
  }
};
