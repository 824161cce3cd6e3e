import { JuelSyntaxError } from './juel-errors';

/** One token of an expression; `position` is the offset in the whole text being scanned. */
export type JuelToken =
  | { readonly kind: 'number'; readonly value: number; readonly position: number }
  | { readonly kind: 'string'; readonly value: string; readonly position: number }
  | { readonly kind: 'name'; readonly value: string; readonly position: number }
  | { readonly kind: 'punct'; readonly value: string; readonly position: number }
  | { readonly kind: 'end'; readonly value: '}'; readonly position: number };

/** Reserved words of EL; none may name a variable or a property. */
export const JUEL_KEYWORDS: ReadonlySet<string> = new Set([
  'true',
  'false',
  'null',
  'and',
  'or',
  'not',
  'eq',
  'ne',
  'lt',
  'gt',
  'le',
  'ge',
  'div',
  'mod',
  'empty',
  'instanceof',
]);

/** Longest first, so `<=` is not read as `<` then `=`. */
const PUNCTUATION = [
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '<',
  '>',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '?',
  ':',
  '(',
  ')',
  '[',
  ']',
  '.',
  ',',
];

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isNameStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isNamePart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/**
 * Scans the body of one `${...}` starting at `start` (just after the opening brace) up to its
 * closing `}`, which becomes the `end` token. A `}` inside a string literal does not close it.
 */
export function scanExpression(text: string, start: number): JuelToken[] {
  const tokens: JuelToken[] = [];
  let i = start;
  for (let c = text[i]; c !== undefined; c = text[i]) {
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '}') {
      tokens.push({ kind: 'end', value: '}', position: i });
      return tokens;
    } else if (c === "'" || c === '"') {
      const { value, next } = scanString(text, i);
      tokens.push({ kind: 'string', value, position: i });
      i = next;
    } else if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
      const { value, next } = scanNumber(text, i);
      tokens.push({ kind: 'number', value, position: i });
      i = next;
    } else if (isNameStart(c)) {
      let j = i + 1;
      while (isNamePart(text[j])) j++;
      tokens.push({ kind: 'name', value: text.slice(i, j), position: i });
      i = j;
    } else {
      const punct = PUNCTUATION.find((p) => text.startsWith(p, i));
      if (punct === undefined) throw unexpectedCharacter(c, i);
      tokens.push({ kind: 'punct', value: punct, position: i });
      i += punct.length;
    }
  }
  throw new JuelSyntaxError(text.length, {
    zh: '表达式缺少结尾的“}”',
    en: 'The expression is not closed by "}"',
  });
}

function unexpectedCharacter(c: string, position: number): JuelSyntaxError {
  if (c === '=')
    return new JuelSyntaxError(position, {
      zh: '不支持赋值；比较请用“==”',
      en: 'Assignment is not supported; compare with "=="',
    });
  return new JuelSyntaxError(position, {
    zh: `表达式中不能出现字符“${c}”`,
    en: `Unexpected character "${c}" in the expression`,
  });
}

/** EL strings: single or double quotes; only `\\`, `\'` and `\"` are escapes (others refused). */
function scanString(text: string, start: number): { value: string; next: number } {
  const quote = text[start];
  let value = '';
  let i = start + 1;
  for (let c = text[i]; c !== undefined; c = text[i]) {
    if (c === quote) return { value, next: i + 1 };
    if (c === '\\') {
      const escaped = text[i + 1];
      if (escaped !== '\\' && escaped !== "'" && escaped !== '"')
        throw new JuelSyntaxError(i, {
          zh: '字符串中只能用 \\\\、\\\' 和 \\" 转义',
          en: 'Only \\\\, \\\' and \\" are escapes in a string',
        });
      value += escaped;
      i += 2;
    } else {
      value += c;
      i++;
    }
  }
  throw new JuelSyntaxError(start, {
    zh: '字符串缺少结尾的引号',
    en: 'Unterminated string literal',
  });
}

/** EL numbers: `12`, `1.5`, `.5`, `1e3`, `2.5E-1` (no sign: unary minus does that). */
function scanNumber(text: string, start: number): { value: number; next: number } {
  let i = start;
  while (isDigit(text[i])) i++;
  if (text[i] === '.' && isDigit(text[i + 1])) {
    i++;
    while (isDigit(text[i])) i++;
  } else if (text[i] === '.' && !isNameStart(text[i + 1])) {
    i++; // `1.` is a valid EL floating point literal
  }
  if (text[i] === 'e' || text[i] === 'E') {
    let j = i + 1;
    if (text[j] === '+' || text[j] === '-') j++;
    if (!isDigit(text[j]))
      throw new JuelSyntaxError(i, { zh: '数字的指数不完整', en: 'Incomplete number exponent' });
    while (isDigit(text[j])) j++;
    i = j;
  }
  if (isNameStart(text[i]))
    throw new JuelSyntaxError(i, {
      zh: '数字后不能直接跟字母',
      en: 'A number cannot be followed by a letter',
    });
  return { value: Number(text.slice(start, i)), next: i };
}
