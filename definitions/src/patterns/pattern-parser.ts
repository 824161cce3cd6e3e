import type { LocalizedText } from '../expressions/expression-api';
import type { CharSet, PatternNode } from './pattern-ast';

/** Longest accepted pattern source. */
export const MAX_PATTERN_LENGTH = 200;
/** Largest bound in `{m,n}`. */
export const MAX_REPEAT = 100;

/** A refused pattern, located by offsets into the pattern source. */
export interface PatternDiagnostic {
  /** `invalid-pattern` (outside the subset) or `unsafe-pattern` (could be slow or huge). */
  readonly code: 'invalid-pattern' | 'unsafe-pattern';
  readonly message: LocalizedText;
  readonly start: number;
  readonly end: number;
}

class PatternError extends Error {
  constructor(readonly diagnostic: PatternDiagnostic) {
    super(diagnostic.message.en);
  }
}

const range = (from: string, to: string = from): readonly [number, number] => [
  from.codePointAt(0) ?? 0,
  to.codePointAt(0) ?? 0,
];
const DIGIT = [range('0', '9')];
const WORD = [range('a', 'z'), range('A', 'Z'), range('0', '9'), range('_')];
/** The same whitespace as JavaScript's `\s`. */
const SPACE: (readonly [number, number])[] = [
  [9, 13],
  [32, 32],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
/** `.` matches anything but a line terminator, as in JavaScript. */
const DOT: CharSet = {
  ranges: [
    [10, 10],
    [13, 13],
    [0x2028, 0x2029],
  ],
  negated: true,
};
const CLASS_ESCAPES: Readonly<Record<string, CharSet>> = {
  d: { ranges: DIGIT, negated: false },
  D: { ranges: DIGIT, negated: true },
  w: { ranges: WORD, negated: false },
  W: { ranges: WORD, negated: true },
  s: { ranges: SPACE, negated: false },
  S: { ranges: SPACE, negated: true },
};
const CONTROL_ESCAPES: Readonly<Record<string, number>> = {
  n: 10,
  r: 13,
  t: 9,
  f: 12,
  v: 11,
  '0': 0,
};
const SYNTAX_CHARS = '\\^$.|?*+()[]{}/-';

/** Parses a pattern in the vetted subset, or throws a located diagnostic. */
export function parsePattern(source: string): PatternNode | PatternDiagnostic {
  if (source.length > MAX_PATTERN_LENGTH) {
    return {
      code: 'unsafe-pattern',
      message: {
        zh: `模式过长（上限 ${MAX_PATTERN_LENGTH} 字符）`,
        en: `pattern too long (limit ${MAX_PATTERN_LENGTH} characters)`,
      },
      start: MAX_PATTERN_LENGTH,
      end: source.length,
    };
  }
  try {
    const reader = new PatternReader(source);
    const node = reader.alternation();
    if (reader.pos < source.length) reader.fail(reader.pos, '多余的 ")"', 'unmatched ")"');
    return node;
  } catch (e) {
    if (e instanceof PatternError) return e.diagnostic;
    throw e;
  }
}

class PatternReader {
  pos = 0;

  constructor(private readonly source: string) {}

  fail(
    start: number,
    zh: string,
    en: string,
    code: PatternDiagnostic['code'] = 'invalid-pattern',
  ): never {
    const [zhPrefix, enPrefix] =
      code === 'unsafe-pattern'
        ? ['不安全的模式', 'unsafe pattern']
        : ['模式无效', 'invalid pattern'];
    throw new PatternError({
      code,
      message: { zh: `${zhPrefix}：${zh}`, en: `${enPrefix}: ${en}` },
      start,
      end: Math.min(start + 1, this.source.length),
    });
  }

  private peek(): string {
    return this.source.charAt(this.pos);
  }

  alternation(): PatternNode {
    const start = this.pos;
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1
      ? (options[0] as PatternNode)
      : { kind: 'alternation', options, start, end: this.pos };
  }

  private sequence(): PatternNode {
    const start = this.pos;
    const items: PatternNode[] = [];
    while (this.pos < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified());
    }
    if (items.length === 0) return { kind: 'empty', start, end: start };
    return items.length === 1
      ? (items[0] as PatternNode)
      : { kind: 'sequence', items, start, end: this.pos };
  }

  private quantified(): PatternNode {
    const atom = this.atom();
    const at = this.pos;
    const bounds = this.quantifier();
    if (!bounds) return atom;
    if (atom.kind === 'assert') this.fail(at, '锚点不能重复', 'an anchor cannot be repeated');
    if (this.peek() === '?')
      this.fail(this.pos, '不支持非贪婪量词', 'lazy quantifiers are not supported');
    if ('*+?{'.includes(this.peek()) && this.pos < this.source.length)
      this.fail(this.pos, '量词不能连用', 'quantifiers cannot be stacked');
    const [min, max] = bounds;
    if (max === Infinity && hasUnbounded(atom)) {
      this.fail(
        atom.start,
        '嵌套的无界量词（如 (a+)+）可能导致灾难性回溯，不允许使用',
        'nested unbounded quantifiers (like (a+)+) are refused as a catastrophic-backtracking risk',
        'unsafe-pattern',
      );
    }
    return { kind: 'repeat', item: atom, min, max, start: atom.start, end: this.pos };
  }

  private quantifier(): readonly [number, number] | undefined {
    const c = this.peek();
    if (c === '?' || c === '*' || c === '+') {
      this.pos++;
      return c === '?' ? [0, 1] : c === '*' ? [0, Infinity] : [1, Infinity];
    }
    if (c !== '{') return undefined;
    const start = this.pos;
    const m = /^\{(\d{1,3})(?:(,)(\d{1,3})?)?\}/.exec(this.source.slice(this.pos));
    if (!m)
      this.fail(
        start,
        '"{" 应写成 {m} 或 {m,n}，字面量请写 \\{',
        '"{" must be {m} or {m,n}; write \\{ for a literal',
      );
    if (m[2] && m[3] === undefined)
      this.fail(
        start,
        '不支持无上限的 {m,}，请使用 * 或 +',
        'unbounded {m,} is not supported; use * or +',
        'unsafe-pattern',
      );
    const min = Number(m[1]);
    const max = m[2] ? Number(m[3]) : min;
    if (max > MAX_REPEAT)
      this.fail(
        start,
        `重复次数上限为 ${MAX_REPEAT}`,
        `repetition is limited to ${MAX_REPEAT}`,
        'unsafe-pattern',
      );
    if (min > max)
      this.fail(start, `{${min},${max}} 的下限大于上限`, `{${min},${max}} has min above max`);
    this.pos += m[0].length;
    return [min, max];
  }

  private atom(): PatternNode {
    const start = this.pos;
    const c = this.peek();
    switch (c) {
      case '(': {
        this.pos++;
        if (this.source.startsWith('?:', this.pos)) this.pos += 2;
        else if (this.peek() === '?')
          this.fail(
            start,
            '不支持先行/后行断言与命名分组',
            'lookaround and named groups are not supported',
          );
        const inner = this.alternation();
        if (this.peek() !== ')') this.fail(start, '缺少 ")"', 'missing ")"');
        this.pos++;
        return { ...inner, start, end: this.pos };
      }
      case '[':
        return this.charClass();
      case '.':
        this.pos++;
        return { kind: 'char', set: DOT, start, end: this.pos };
      case '^':
      case '$':
        this.pos++;
        return { kind: 'assert', at: c === '^' ? 'start' : 'end', start, end: this.pos };
      case '\\':
        return { kind: 'char', set: this.escape(false), start, end: this.pos };
      case '*':
      case '+':
      case '?':
      case '{':
        return this.fail(start, `"${c}" 前面没有可重复的内容`, `nothing to repeat before "${c}"`);
      case ')':
      case ']':
      case '}':
        return this.fail(
          start,
          `多余的 "${c}"，字面量请写 \\${c}`,
          `unmatched "${c}"; write \\${c} for a literal`,
        );
      default: {
        const code = this.source.codePointAt(this.pos) ?? 0;
        this.pos += code > 0xffff ? 2 : 1;
        return {
          kind: 'char',
          set: { ranges: [[code, code]], negated: false },
          start,
          end: this.pos,
        };
      }
    }
  }

  /** Reads an escape after `\`; inside a class only single characters and \d \w \s are allowed. */
  private escape(inClass: boolean): CharSet {
    const start = this.pos;
    const e = this.source.charAt(this.pos + 1);
    this.pos += 2;
    const single = (code: number): CharSet => ({ ranges: [[code, code]], negated: false });
    const cls = CLASS_ESCAPES[e];
    if (cls) {
      if (inClass && cls.negated)
        this.fail(start, `字符类中不支持 \\${e}`, `\\${e} is not supported inside [...]`);
      return cls;
    }
    const control = CONTROL_ESCAPES[e];
    if (control !== undefined) return single(control);
    if (e !== '' && SYNTAX_CHARS.includes(e)) return single(e.charCodeAt(0));
    const hex = e === 'u' ? 4 : e === 'x' ? 2 : 0;
    if (hex && isHex(this.source.slice(this.pos, this.pos + hex), hex)) {
      const code = parseInt(this.source.slice(this.pos, this.pos + hex), 16);
      this.pos += hex;
      return single(code);
    }
    if (/[1-9]/.test(e)) this.fail(start, '不支持反向引用', 'backreferences are not supported');
    if (e === 'b' || e === 'B')
      this.fail(start, '不支持单词边界 \\b', 'word boundaries \\b are not supported');
    return this.fail(start, `不支持的转义 "\\${e}"`, `unsupported escape "\\${e}"`);
  }

  private classChar(): CharSet {
    if (this.peek() === '\\') return this.escape(true);
    const code = this.source.codePointAt(this.pos) ?? 0;
    this.pos += code > 0xffff ? 2 : 1;
    return { ranges: [[code, code]], negated: false };
  }

  private charClass(): PatternNode {
    const start = this.pos++;
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const ranges: (readonly [number, number])[] = [];
    if (this.peek() === ']') this.fail(this.pos, '空字符类', 'empty character class');
    while (this.peek() !== ']') {
      if (this.pos >= this.source.length) this.fail(start, '缺少 "]"', 'missing "]"');
      const itemStart = this.pos;
      const from = this.classChar();
      const single =
        from.ranges.length === 1 && !from.negated && from.ranges[0]?.[0] === from.ranges[0]?.[1];
      if (
        single &&
        this.peek() === '-' &&
        this.source.charAt(this.pos + 1) !== ']' &&
        this.pos + 1 < this.source.length
      ) {
        this.pos++;
        const to = this.classChar();
        const low = from.ranges[0]?.[0] ?? 0;
        const high = to.ranges[0]?.[0] ?? 0;
        if (to.ranges.length !== 1 || to.ranges[0]?.[0] !== to.ranges[0]?.[1] || high < low) {
          this.fail(itemStart, '字符范围无效', 'invalid character range');
        }
        ranges.push([low, high]);
      } else {
        ranges.push(...from.ranges);
      }
    }
    this.pos++;
    return { kind: 'char', set: { ranges, negated }, start, end: this.pos };
  }
}

/** Whether a node contains an unbounded repetition (`*`, `+`). */
function hasUnbounded(node: PatternNode): boolean {
  switch (node.kind) {
    case 'repeat':
      return node.max === Infinity || hasUnbounded(node.item);
    case 'sequence':
      return node.items.some(hasUnbounded);
    case 'alternation':
      return node.options.some(hasUnbounded);
    default:
      return false;
  }
}

/** Whether `text` is exactly `length` hexadecimal digits. */
function isHex(text: string, length: number): boolean {
  return text.length === length && [...text].every((c) => '0123456789abcdefABCDEF'.includes(c));
}
