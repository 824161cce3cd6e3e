import type { DiagnosticSink } from './diagnostics';

/** A lexical token; `name` covers identifiers and the word operators (`and`, `in`, `true`…). */
export interface Token {
  readonly type: 'number' | 'string' | 'name' | 'punct' | 'eof';
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** The decoded value of a number or string token. */
  readonly literal?: number | string;
}

/** Longest first, so `<=` wins over `<`. */
const PUNCTUATORS = [
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  '?',
  ':',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '!',
];

/** JavaScript constructs that look plausible but are refused with a specific reason. */
const FORBIDDEN_SYNTAX: ReadonlyArray<readonly [string, string, string]> = [
  ['===', '请使用 "=="', 'use "=="'],
  ['!==', '请使用 "!="', 'use "!="'],
  ['=>', '不允许函数（lambda）', 'functions (lambdas) are not allowed'],
  ['=', '不允许赋值，比较请使用 "=="', 'assignment is not allowed; compare with "=="'],
  [';', '不允许多条语句', 'statements are not allowed'],
  ['{', '不允许对象字面量或代码块', 'object literals and blocks are not allowed'],
  ['}', '不允许对象字面量或代码块', 'object literals and blocks are not allowed'],
  ['`', '不允许模板字符串', 'template strings are not allowed'],
];

/** Full-width characters a Chinese input method slips in, with the ASCII character meant. */
const FULL_WIDTH: Readonly<Record<string, string>> = {
  '（': '(',
  '）': ')',
  '，': ',',
  '：': ':',
  '？': '?',
  '＝': '=',
  '＜': '<',
  '＞': '>',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '【': '[',
  '】': ']',
  '！': '!',
};

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
};

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isIdentStart = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c);
const isSpace = (c: string): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u3000' || c === '\u00a0';

/**
 * Splits source text into tokens. Stops at the first lexical error (reported to `sink`) and
 * returns the tokens so far followed by `eof`; the parser then reports nothing further.
 */
export function tokenize(source: string, sink: DiagnosticSink): { tokens: Token[]; ok: boolean } {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (code: string, zh: string, en: string, start: number, end: number) => {
    sink.report(code, zh, en, start, end);
    tokens.push({ type: 'eof', value: '', start: source.length, end: source.length });
    return { tokens, ok: false };
  };
  while (i < source.length) {
    const c = source.charAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c)) {
      while (isDigit(source.charAt(i))) i++;
      if (source.charAt(i) === '.' && isDigit(source.charAt(i + 1))) {
        i++;
        while (isDigit(source.charAt(i))) i++;
      }
      if (isIdentStart(source.charAt(i))) {
        return fail(
          'syntax',
          `无效的数字 "${source.slice(start, i + 1)}"`,
          `invalid number "${source.slice(start, i + 1)}"`,
          start,
          i + 1,
        );
      }
      const text = source.slice(start, i);
      tokens.push({ type: 'number', value: text, start, end: i, literal: Number(text) });
      continue;
    }
    if (isIdentStart(c)) {
      while (isIdentPart(source.charAt(i))) i++;
      tokens.push({ type: 'name', value: source.slice(start, i), start, end: i });
      continue;
    }
    if (c === "'" || c === '"') {
      const decoded = readString(source, i);
      if (decoded === 'eof')
        return fail('syntax', '字符串缺少结束引号', 'unterminated string', start, source.length);
      tokens.push({
        type: 'string',
        value: source.slice(start, decoded.end),
        start,
        end: decoded.end,
        literal: decoded.text,
      });
      i = decoded.end;
      continue;
    }
    const forbidden = FORBIDDEN_SYNTAX.find(([text]) => source.startsWith(text, i));
    const punct = PUNCTUATORS.find((p) => source.startsWith(p, i));
    if (forbidden && (!punct || forbidden[0].length > punct.length)) {
      const [text, zh, en] = forbidden;
      return fail('forbidden-syntax', zh, en, start, start + text.length);
    }
    if (punct) {
      tokens.push({ type: 'punct', value: punct, start, end: i + punct.length });
      i += punct.length;
      continue;
    }
    const hint = FULL_WIDTH[c];
    if (hint) {
      return fail(
        'syntax',
        `全角字符 "${c}"，请使用半角 "${hint}"`,
        `full-width "${c}"; use "${hint}"`,
        start,
        start + 1,
      );
    }
    return fail('syntax', `无法识别的字符 "${c}"`, `unexpected character "${c}"`, start, start + 1);
  }
  tokens.push({ type: 'eof', value: '', start: source.length, end: source.length });
  return { tokens, ok: true };
}

/** Reads a quoted string at `start`; returns the text and end, or `'eof'` when unterminated. */
function readString(source: string, start: number): { text: string; end: number } | 'eof' {
  const quote = source.charAt(start);
  let text = '';
  let i = start + 1;
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === quote) return { text, end: i + 1 };
    if (c === '\n' || c === '\r') return 'eof';
    if (c !== '\\') {
      text += c;
      i++;
      continue;
    }
    const e = source.charAt(i + 1);
    const simple = ESCAPES[e];
    if (simple !== undefined) {
      text += simple;
      i += 2;
    } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
      text += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
      i += 6;
    } else if (e === '' || e === '\n' || e === '\r') {
      return 'eof';
    } else {
      // Unknown escapes keep their backslash, so patterns read naturally: '^\d{6}$'.
      text += `\\${e}`;
      i += 2;
    }
  }
  return 'eof';
}
