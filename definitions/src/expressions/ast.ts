/** Syntax tree of an expression; every node knows its source span (0-based offsets, end exclusive). */

/** Fields shared by every node. */
interface NodeBase {
  readonly start: number;
  readonly end: number;
}

/** `37.3`, `'cough'`, `true`, `null`. */
export interface LiteralNode extends NodeBase {
  readonly kind: 'literal';
  readonly value: null | boolean | number | string;
}

/** `['a', 'b']`. */
export interface ListNode extends NodeBase {
  readonly kind: 'list';
  readonly elements: readonly ExprNode[];
}

/** A dotted field or parameter path: `patient.idNumber`, `params.feverThreshold`. */
export interface NameNode extends NodeBase {
  readonly kind: 'name';
  readonly path: readonly string[];
}

/** `not x`, `-x`. */
export interface UnaryNode extends NodeBase {
  readonly kind: 'unary';
  readonly op: 'not' | 'neg';
  readonly operand: ExprNode;
}

/** Binary operators; `and`/`or` included (`&&`/`||` are spelled as `and`/`or`). */
export type BinaryOperator =
  | 'or'
  | 'and'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'in'
  | 'not in'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

/** `a + b`, `x in list`, `a and b`. */
export interface BinaryNode extends NodeBase {
  readonly kind: 'binary';
  readonly op: BinaryOperator;
  readonly left: ExprNode;
  readonly right: ExprNode;
  /** Span of the operator itself, for diagnostics. */
  readonly opStart: number;
  readonly opEnd: number;
}

/** `test ? consequent : alternate`. */
export interface ConditionalNode extends NodeBase {
  readonly kind: 'conditional';
  readonly test: ExprNode;
  readonly consequent: ExprNode;
  readonly alternate: ExprNode;
}

/** A call of a built-in function by its bare name: `age(patient.birthDate)`. */
export interface CallNode extends NodeBase {
  readonly kind: 'call';
  readonly callee: string;
  readonly calleeEnd: number;
  readonly args: readonly ExprNode[];
}

/** A construct refused while parsing (already reported); checked as the error type. */
export interface InvalidNode extends NodeBase {
  readonly kind: 'invalid';
  readonly children: readonly ExprNode[];
}

/** Any expression node. */
export type ExprNode =
  | LiteralNode
  | ListNode
  | NameNode
  | UnaryNode
  | BinaryNode
  | ConditionalNode
  | CallNode
  | InvalidNode;
