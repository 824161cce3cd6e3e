/**
 * The JUEL subset the Operaton double evaluates in conditions, loop cardinalities, completion
 * conditions and timer durations: `${name}`, literals, `== != < > <= >=` (and `eq ne lt gt le
 * ge`), `&& || !` (and `and or not`), `empty`, parentheses. Written independently of the engine's
 * own evaluator on purpose, so the contract tests do not grade the engine with its own code.
 * No code strings are executed: a tokenizer and a recursive-descent parser.
 */
export type JuelValue = string | number | boolean | null | object;
export type JuelLookup = (name: string) => JuelValue | undefined;

interface Token {
  readonly kind: 'ident' | 'string' | 'number' | 'op' | 'paren';
  readonly text: string;
}

const WORD_OPERATORS: Record<string, string> = {
  eq: '==',
  ne: '!=',
  lt: '<',
  gt: '>',
  le: '<=',
  ge: '>=',
  and: '&&',
  or: '||',
  not: '!',
};

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const rest = source.slice(index);
    const space = /^\s+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const match =
      /^(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/.exec(rest) ??
      /^\d+(?:\.\d+)?/.exec(rest) ??
      /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest) ??
      /^(?:==|!=|<=|>=|&&|\|\||[<>!()])/.exec(rest);
    if (!match) throw new Error(`unexpected "${rest[0]}" in expression`);
    const text = match[0];
    index += text.length;
    if (text.startsWith("'") || text.startsWith('"')) {
      const body = match[1] ?? match[2] ?? '';
      tokens.push({ kind: 'string', text: body.replace(/\\(.)/g, '$1') });
    } else if (/^\d/.test(text)) tokens.push({ kind: 'number', text });
    else if (/^[A-Za-z_]/.test(text)) {
      const operator = WORD_OPERATORS[text];
      tokens.push(operator ? { kind: 'op', text: operator } : { kind: 'ident', text });
    } else tokens.push({ kind: text === '(' || text === ')' ? 'paren' : 'op', text });
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly lookup: JuelLookup,
  ) {}

  parse(): JuelValue {
    const value = this.or();
    if (this.position !== this.tokens.length) throw new Error('trailing tokens in expression');
    return value;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private accept(text: string): boolean {
    if (this.peek()?.text !== text || this.peek()?.kind === 'string') return false;
    this.position += 1;
    return true;
  }

  private or(): JuelValue {
    let left = this.and();
    while (this.accept('||')) {
      const right = this.and();
      left = truthy(left) || truthy(right);
    }
    return left;
  }

  private and(): JuelValue {
    let left = this.comparison();
    while (this.accept('&&')) {
      const right = this.comparison();
      left = truthy(left) && truthy(right);
    }
    return left;
  }

  private comparison(): JuelValue {
    const left = this.unary();
    for (const operator of ['==', '!=', '<=', '>=', '<', '>']) {
      if (this.accept(operator)) return compare(operator, left, this.unary());
    }
    return left;
  }

  private unary(): JuelValue {
    if (this.accept('!')) return !truthy(this.unary());
    if (this.peek()?.kind === 'ident' && this.peek()?.text === 'empty') {
      this.position += 1;
      const value = this.unary();
      return value === null || value === '' || (Array.isArray(value) && value.length === 0);
    }
    return this.primary();
  }

  private primary(): JuelValue {
    const token = this.peek();
    if (token === undefined) throw new Error('expression ends too early');
    this.position += 1;
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return Number(token.text);
    if (token.kind === 'paren' && token.text === '(') {
      const value = this.or();
      if (!this.accept(')')) throw new Error('missing ")"');
      return value;
    }
    if (token.kind === 'ident') {
      if (token.text === 'true') return true;
      if (token.text === 'false') return false;
      if (token.text === 'null') return null;
      const value = this.lookup(token.text);
      // Camunda throws PropertyNotFoundException for an unknown variable; so does the double.
      if (value === undefined)
        throw new Error(`Unknown property used in expression: ${token.text}`);
      return value;
    }
    throw new Error(`unexpected "${token.text}" in expression`);
  }
}

function truthy(value: JuelValue): boolean {
  if (typeof value !== 'boolean') throw new Error('expression did not yield a boolean');
  return value;
}

function compare(operator: string, left: JuelValue, right: JuelValue): boolean {
  if (operator === '==') return left === right;
  if (operator === '!=') return left !== right;
  if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string')) {
    throw new Error(`cannot compare with ${operator}`);
  }
  const [a, b] = [left as number | string, right as number | string];
  if (operator === '<') return a < b;
  if (operator === '>') return a > b;
  if (operator === '<=') return a <= b;
  return a >= b;
}

/** Evaluates `${...}` (or returns a text without `${` unchanged, as Camunda does for literals). */
export function evaluateJuel(source: string, lookup: JuelLookup): JuelValue {
  const trimmed = source.trim();
  const match = /^[$#]\{([\s\S]*)\}$/.exec(trimmed);
  if (!match) return trimmed;
  return new Parser(tokenize(match[1] ?? ''), lookup).parse();
}
