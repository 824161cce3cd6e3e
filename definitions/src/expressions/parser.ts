import type { BinaryOperator, ExprNode, NameNode } from './ast';
import {
  CONDITIONAL_BP,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_LENGTH,
  INFIX,
  KEYWORDS,
  NEGATE_OPERAND_BP,
  NOT_IN_BP,
  NOT_OPERAND_BP,
  isForbiddenName,
} from './grammar';
import { DiagnosticSink, locateDiagnostics } from './diagnostics';
import type { ExpressionDiagnostic } from './expression-api';
import { tokenize, type Token } from './lexer';

/** Thrown inside the parser after a fatal syntax error has been reported. */
class ParseAbort extends Error {}

/** Options for `parseExpression`. */
export interface ParseOptions {
  readonly maxLength?: number;
  readonly maxDepth?: number;
}

/** Result of parsing: a tree when there was no fatal syntax error, plus every diagnostic. */
export interface ParseResult {
  readonly ast?: ExprNode;
  readonly diagnostics: readonly ExpressionDiagnostic[];
}

/** Parses source text into a tree with positions, reporting every refused construct it meets. */
export function parseExpression(source: string, options: ParseOptions = {}): ParseResult {
  const sink = new DiagnosticSink();
  const ast = parseInto(source, sink, options);
  return { ast, diagnostics: locateDiagnostics(source, sink.items) };
}

/** Parses into a caller's sink (used by the compiler so all diagnostics end up together). */
export function parseInto(
  source: string,
  sink: DiagnosticSink,
  options: ParseOptions = {},
): ExprNode | undefined {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (source.length > maxLength) {
    sink.report(
      'too-long',
      `表达式过长（${source.length} 字符，上限 ${maxLength}）`,
      `expression too long (${source.length} characters, limit ${maxLength})`,
      maxLength,
      source.length,
    );
    return undefined;
  }
  const { tokens, ok } = tokenize(source, sink);
  if (!ok) return undefined;
  try {
    return new Parser(tokens, sink, options.maxDepth ?? DEFAULT_MAX_DEPTH).parseAll();
  } catch (e) {
    if (e instanceof ParseAbort) return undefined;
    throw e;
  }
}

/** A Pratt parser: one method per precedence concern, depth-limited. */
class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly sink: DiagnosticSink,
    private readonly maxDepth: number,
  ) {}

  parseAll(): ExprNode {
    const ast = this.expression(0);
    const rest = this.peek();
    if (rest.type !== 'eof') this.fail(rest, '多余的内容', 'unexpected extra input');
    return ast;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.pos++;
    return token;
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token.type === 'punct' && token.value === value;
  }

  private expectPunct(value: string): Token {
    if (!this.isPunct(value)) this.fail(this.peek(), `缺少 "${value}"`, `expected "${value}"`);
    return this.next();
  }

  private fail(token: Token, zh: string, en: string): never {
    const found = token.type === 'eof' ? '表达式结尾' : `"${token.value}"`;
    const foundEn = token.type === 'eof' ? 'end of expression' : `"${token.value}"`;
    this.sink.report(
      'syntax',
      `语法错误：${zh}，遇到 ${found}`,
      `syntax error: ${en}, found ${foundEn}`,
      token.start,
      Math.max(token.end, token.start + 1),
    );
    throw new ParseAbort();
  }

  /** Counts nesting: every subexpression (operand, argument, parenthesised group) adds a level. */
  private enter(token: Token): void {
    if (++this.depth > this.maxDepth) {
      this.sink.report(
        'too-deep',
        `表达式嵌套过深（上限 ${this.maxDepth} 层）`,
        `expression nested too deeply (limit ${this.maxDepth})`,
        token.start,
        token.end,
      );
      throw new ParseAbort();
    }
  }

  private expression(minBp: number): ExprNode {
    this.enter(this.peek());
    let left = this.prefix();
    let nested = 0;
    for (;;) {
      const token = this.peek();
      if (token.type === 'punct' && token.value === '?' && minBp <= CONDITIONAL_BP) {
        this.next();
        const consequent = this.expression(0);
        this.expectPunct(':');
        const alternate = this.expression(CONDITIONAL_BP);
        left = {
          kind: 'conditional',
          test: left,
          consequent,
          alternate,
          start: left.start,
          end: alternate.end,
        };
        continue;
      }
      let op: BinaryOperator;
      let bp: number;
      let opEnd = token.end;
      const infix =
        token.type === 'punct' || token.type === 'name' ? INFIX.get(token.value) : undefined;
      if (token.type === 'name' && token.value === 'not' && this.peek(1).value === 'in') {
        [op, bp, opEnd] = ['not in', NOT_IN_BP, this.peek(1).end];
      } else if (infix) {
        [op, bp] = infix;
      } else {
        break;
      }
      if (bp <= minBp) break;
      this.next();
      if (op === 'not in') this.next();
      this.enter(token);
      nested++;
      const right = this.expression(bp);
      left = {
        kind: 'binary',
        op,
        left,
        right,
        start: left.start,
        end: right.end,
        opStart: token.start,
        opEnd,
      };
    }
    this.depth -= nested + 1;
    return left;
  }

  private prefix(): ExprNode {
    const token = this.next();
    switch (token.type) {
      case 'number':
      case 'string':
        return this.postfix({
          kind: 'literal',
          value: token.literal ?? null,
          start: token.start,
          end: token.end,
        });
      case 'name':
        return this.word(token);
      case 'punct':
        return this.punctPrefix(token);
      default:
        return this.fail(token, '缺少表达式', 'expected an expression');
    }
  }

  private word(token: Token): ExprNode {
    switch (token.value) {
      case 'true':
      case 'false':
        return this.postfix({
          kind: 'literal',
          value: token.value === 'true',
          start: token.start,
          end: token.end,
        });
      case 'null':
        return this.postfix({ kind: 'literal', value: null, start: token.start, end: token.end });
      case 'not': {
        const operand = this.expression(NOT_OPERAND_BP);
        return { kind: 'unary', op: 'not', operand, start: token.start, end: operand.end };
      }
      default:
        if (KEYWORDS.has(token.value))
          return this.fail(token, '缺少表达式', 'expected an expression');
        return this.nameOrCall(token);
    }
  }

  private punctPrefix(token: Token): ExprNode {
    switch (token.value) {
      case '(': {
        const inner = this.expression(0);
        this.expectPunct(')');
        return this.postfix(inner);
      }
      case '[':
        return this.postfix(this.list(token));
      case '!': {
        const operand = this.expression(NOT_OPERAND_BP);
        return { kind: 'unary', op: 'not', operand, start: token.start, end: operand.end };
      }
      case '-': {
        const operand = this.expression(NEGATE_OPERAND_BP);
        return { kind: 'unary', op: 'neg', operand, start: token.start, end: operand.end };
      }
      default:
        return this.fail(token, '缺少表达式', 'expected an expression');
    }
  }

  private list(open: Token): ExprNode {
    const elements = this.sequence(']');
    return { kind: 'list', elements, start: open.start, end: this.peek(-1).end };
  }

  /** Comma-separated expressions up to `close` (the opening token is already consumed). */
  private sequence(close: string): ExprNode[] {
    const items: ExprNode[] = [];
    if (!this.isPunct(close)) {
      do items.push(this.expression(0));
      while (this.isPunct(',') && this.next());
    }
    this.expectPunct(close);
    return items;
  }

  private nameOrCall(first: Token): ExprNode {
    const path = [first.value];
    const forbidden: Token[] = isForbiddenName(first.value) ? [first] : [];
    let end = first.end;
    while (this.isPunct('.')) {
      this.next();
      const member = this.next();
      if (member.type !== 'name' || KEYWORDS.has(member.value)) {
        this.fail(member, '"." 后应为字段名', 'expected a field name after "."');
      }
      if (isForbiddenName(member.value)) forbidden.push(member);
      path.push(member.value);
      end = member.end;
    }
    for (const bad of forbidden) {
      this.sink.report(
        'forbidden-name',
        `不允许使用名称 "${bad.value}"`,
        `the name "${bad.value}" is not allowed`,
        bad.start,
        bad.end,
      );
    }
    if (this.isPunct('(')) {
      this.next();
      const args = this.sequence(')');
      const callEnd = this.peek(-1).end;
      if (path.length === 1 && forbidden.length === 0) {
        return this.postfix({
          kind: 'call',
          callee: first.value,
          calleeEnd: first.end,
          args,
          start: first.start,
          end: callEnd,
        });
      }
      this.reportCall(first.start, end);
      return this.postfix({ kind: 'invalid', children: args, start: first.start, end: callEnd });
    }
    const name: NameNode = { kind: 'name', path, start: first.start, end };
    return this.postfix(
      forbidden.length ? { kind: 'invalid', children: [], start: first.start, end } : name,
    );
  }

  private reportCall(start: number, end: number): void {
    this.sink.report(
      'call-not-allowed',
      '只能直接调用内置函数（如 age(…)），不能调用成员或表达式的结果',
      'only built-in functions may be called (e.g. age(…)), not members or computed values',
      start,
      end,
    );
  }

  /** Member access, indexing and calls on anything but a plain name are refused here. */
  private postfix(target: ExprNode): ExprNode {
    let node = target;
    for (;;) {
      const token = this.peek();
      if (token.type !== 'punct') return node;
      if (token.value === '.') {
        this.next();
        const member = this.next();
        if (member.type !== 'name')
          this.fail(member, '"." 后应为字段名', 'expected a field name after "."');
        this.sink.report(
          isForbiddenName(member.value) ? 'forbidden-name' : 'member-not-allowed',
          `不允许访问 "${member.value}"：只能读取字段路径`,
          `access to "${member.value}" is not allowed: only field paths can be read`,
          token.start,
          member.end,
        );
        node = { kind: 'invalid', children: [node], start: node.start, end: member.end };
      } else if (token.value === '[') {
        this.next();
        const index = this.sequence(']');
        this.sink.report(
          'computed-member',
          '不允许下标或计算成员访问 a[b]',
          'computed member access a[b] is not allowed',
          token.start,
          this.peek(-1).end,
        );
        node = {
          kind: 'invalid',
          children: [node, ...index],
          start: node.start,
          end: this.peek(-1).end,
        };
      } else if (token.value === '(') {
        this.next();
        const args = this.sequence(')');
        this.reportCall(node.start, token.start);
        node = {
          kind: 'invalid',
          children: [node, ...args],
          start: node.start,
          end: this.peek(-1).end,
        };
      } else {
        return node;
      }
    }
  }
}
