import { FORBIDDEN_PROPERTIES, JuelSyntaxError } from './juel-errors';
import { JUEL_KEYWORDS, type JuelToken } from './juel-lexer';

export type BinaryOperator =
  '==' | '!=' | '<' | '>' | '<=' | '>=' | '&&' | '||' | '+' | '-' | '*' | '/' | '%';

/** Syntax tree of the supported subset. */
export type JuelNode =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'identifier'; readonly name: string }
  | {
      readonly kind: 'member';
      readonly object: JuelNode;
      readonly property: JuelNode;
      readonly position: number;
    }
  | { readonly kind: 'unary'; readonly operator: '!' | '-' | 'empty'; readonly operand: JuelNode }
  | {
      readonly kind: 'binary';
      readonly operator: BinaryOperator;
      readonly left: JuelNode;
      readonly right: JuelNode;
    }
  | {
      readonly kind: 'conditional';
      readonly test: JuelNode;
      readonly consequent: JuelNode;
      readonly alternate: JuelNode;
    };

export const MAX_NESTING_DEPTH = 32;

/** Word operators of EL mapped onto their symbols. */
const WORD_OPERATORS: Readonly<Record<string, BinaryOperator>> = {
  eq: '==',
  ne: '!=',
  lt: '<',
  gt: '>',
  le: '<=',
  ge: '>=',
  and: '&&',
  or: '||',
  div: '/',
  mod: '%',
};

/** Binary precedence levels, loosest first (EL 2.2 §1.17); `?:` sits above them all. */
const LEVELS: readonly (readonly BinaryOperator[])[] = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

/**
 * Recursive-descent parser over the tokens of one expression body (ending with the `end` token).
 * Depth is counted on every nested expression and unary operator so hostile input cannot exhaust
 * the stack.
 */
export class JuelParser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly JuelToken[]) {}

  parseBody(): JuelNode {
    const end = this.peek();
    if (end.kind === 'end')
      throw new JuelSyntaxError(end.position, { zh: '表达式为空', en: 'Empty expression' });
    const node = this.parseConditional();
    const next = this.peek();
    if (next.kind !== 'end') throw this.unexpected(next);
    return node;
  }

  private parseConditional(): JuelNode {
    this.enter(this.peek().position);
    const test = this.parseBinary(0);
    let node = test;
    if (this.isPunct('?')) {
      this.index++;
      const consequent = this.parseConditional();
      this.expectPunct(':');
      const alternate = this.parseConditional();
      node = { kind: 'conditional', test, consequent, alternate };
    }
    this.depth--;
    return node;
  }

  private parseBinary(level: number): JuelNode {
    const operators = LEVELS[level];
    if (operators === undefined) return this.parseUnary();
    let left = this.parseBinary(level + 1);
    for (;;) {
      const operator = this.binaryOperatorAt(operators);
      if (operator === undefined) return left;
      this.index++;
      const right = this.parseBinary(level + 1);
      left = { kind: 'binary', operator, left, right };
    }
  }

  private binaryOperatorAt(operators: readonly BinaryOperator[]): BinaryOperator | undefined {
    const token = this.peek();
    const symbol =
      token.kind === 'punct'
        ? token.value
        : token.kind === 'name'
          ? WORD_OPERATORS[token.value]
          : undefined;
    return operators.find((o) => o === symbol);
  }

  private parseUnary(): JuelNode {
    const token = this.peek();
    const operator =
      token.kind === 'punct' && (token.value === '!' || token.value === '-')
        ? token.value
        : token.kind === 'name' && token.value === 'not'
          ? '!'
          : token.kind === 'name' && token.value === 'empty'
            ? 'empty'
            : undefined;
    if (operator === undefined) return this.parsePostfix();
    this.index++;
    this.enter(token.position);
    const operand = this.parseUnary();
    this.depth--;
    return { kind: 'unary', operator, operand };
  }

  private parsePostfix(): JuelNode {
    let node = this.parsePrimary();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'punct') return node;
      if (token.value === '.') {
        this.index++;
        const name = this.next();
        if (name.kind !== 'name' || JUEL_KEYWORDS.has(name.value))
          throw new JuelSyntaxError(name.position, {
            zh: '“.”后应为属性名',
            en: 'A property name is expected after "."',
          });
        refuseForbidden(name.value, name.position);
        node = {
          kind: 'member',
          object: node,
          property: { kind: 'literal', value: name.value },
          position: name.position,
        };
      } else if (token.value === '[') {
        this.index++;
        const property = this.parseConditional();
        if (property.kind === 'literal' && typeof property.value === 'string')
          refuseForbidden(property.value, token.position);
        this.expectPunct(']');
        node = { kind: 'member', object: node, property, position: token.position };
      } else if (token.value === '(') {
        throw new JuelSyntaxError(token.position, {
          zh: '不支持函数或方法调用',
          en: 'Function and method calls are not supported',
        });
      } else {
        return node;
      }
    }
  }

  private parsePrimary(): JuelNode {
    const token = this.next();
    if (token.kind === 'number' || token.kind === 'string')
      return { kind: 'literal', value: token.value };
    if (token.kind === 'name') return this.nameToNode(token.value, token.position);
    if (token.kind === 'punct' && token.value === '(') {
      const inner = this.parseConditional();
      this.expectPunct(')');
      return inner;
    }
    throw this.unexpected(token);
  }

  private nameToNode(name: string, position: number): JuelNode {
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
    if (name === 'null') return { kind: 'literal', value: null };
    if (JUEL_KEYWORDS.has(name))
      throw new JuelSyntaxError(position, {
        zh: `此处不能使用关键字“${name}”`,
        en: `The keyword "${name}" is not allowed here`,
      });
    const after = this.peek();
    if (after.kind === 'punct' && after.value === ':' && this.isFunctionPrefix())
      throw new JuelSyntaxError(position, {
        zh: '不支持函数或方法调用',
        en: 'Function and method calls are not supported',
      });
    refuseForbidden(name, position);
    return { kind: 'identifier', name };
  }

  /** `fn:name(` is an EL function call, not the `:` of a conditional. */
  private isFunctionPrefix(): boolean {
    const name = this.tokens[this.index + 1];
    const paren = this.tokens[this.index + 2];
    return name?.kind === 'name' && paren?.kind === 'punct' && paren.value === '(';
  }

  private enter(position: number): void {
    this.depth++;
    if (this.depth > MAX_NESTING_DEPTH)
      throw new JuelSyntaxError(position, {
        zh: `表达式嵌套超过 ${MAX_NESTING_DEPTH} 层`,
        en: `The expression nests deeper than ${MAX_NESTING_DEPTH} levels`,
      });
  }

  private peek(): JuelToken {
    // The lexer always ends the list with the `end` token, so the last one is never missing.
    return this.tokens[this.index] ?? (this.tokens[this.tokens.length - 1] as JuelToken);
  }

  private next(): JuelToken {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.value === value;
  }

  private expectPunct(value: string): void {
    const token = this.next();
    if (token.kind !== 'punct' || token.value !== value)
      throw new JuelSyntaxError(token.position, {
        zh: `此处应为“${value}”`,
        en: `"${value}" expected here`,
      });
  }

  private unexpected(token: JuelToken): JuelSyntaxError {
    if (token.kind === 'end')
      return new JuelSyntaxError(token.position, {
        zh: '表达式不完整',
        en: 'The expression ends too early',
      });
    return new JuelSyntaxError(token.position, {
      zh: `此处不能出现“${String(token.value)}”`,
      en: `Unexpected "${String(token.value)}"`,
    });
  }
}

function refuseForbidden(name: string, position: number): void {
  if (FORBIDDEN_PROPERTIES.has(name))
    throw new JuelSyntaxError(position, {
      zh: `不允许访问“${name}”`,
      en: `Access to "${name}" is not allowed`,
    });
}
