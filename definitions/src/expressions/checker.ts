import type { BinaryNode, CallNode, ExprNode } from './ast';
import { findBuiltinFunction } from './builtin-functions';
import type { DiagnosticSink } from './diagnostics';
import type { TypeScope, Value } from './expression-api';
import type { CheckedArg } from './function-types';
import * as op from './operators';
import {
  ERROR_TYPE,
  T,
  formatType,
  mergeUnit,
  typesCompatible,
  unifyTypes,
  unitsClash,
  type CheckedType,
} from './value-types';

/**
 * The static checker. Each node yields its type and a thunk that builds its closure; the thunks
 * run only when the whole tree checked cleanly, so a rejected expression never becomes code.
 */

/** A checked node: its type, how to build it, and its value when it is a compile-time constant. */
export interface Checked {
  readonly type: CheckedType;
  readonly build: () => op.Evaluator;
  readonly constant?: { readonly value: Value };
}

const BOOLEAN = T.boolean();
const failed: Checked = { type: ERROR_TYPE, build: () => () => null };
const SCALARS = new Set(['number', 'string', 'boolean', 'date', 'datetime', 'null']);

/** Checks one tree against a type scope, collecting dependencies and diagnostics. */
export class Checker {
  /** Dotted paths read by the expression, in order of first appearance. */
  readonly dependencies = new Set<string>();

  constructor(
    private readonly scope: TypeScope,
    private readonly sink: DiagnosticSink,
  ) {}

  check(node: ExprNode): Checked {
    switch (node.kind) {
      case 'literal': {
        const v = node.value;
        const type =
          v === null
            ? T.null()
            : typeof v === 'number'
              ? T.number()
              : typeof v === 'string'
                ? T.string()
                : BOOLEAN;
        return { type, build: () => op.constant(v), constant: { value: v } };
      }
      case 'list':
        return this.list(node.elements);
      case 'name': {
        const type = this.scope.resolve(node.path);
        const dotted = node.path.join('.');
        if (!type) {
          this.sink.report(
            'unknown-field',
            `未知字段 "${dotted}"`,
            `unknown field "${dotted}"`,
            node.start,
            node.end,
          );
          return failed;
        }
        this.dependencies.add(dotted);
        const path = Object.freeze([...node.path]);
        return { type, build: () => op.fieldReader(path, type) };
      }
      case 'unary': {
        const operand = this.check(node.operand);
        if (node.op === 'not') {
          return this.expect(operand, node.operand, ['boolean'], '"not"')
            ? { type: BOOLEAN, build: () => op.buildNot(operand.build()) }
            : failed;
        }
        return this.expect(operand, node.operand, ['number'], '"-"')
          ? {
              type: operand.type.kind === 'null' ? T.number() : operand.type,
              build: () => op.buildNegate(operand.build()),
            }
          : failed;
      }
      case 'binary':
        return this.binary(node);
      case 'conditional': {
        const test = this.check(node.test);
        const a = this.check(node.consequent);
        const b = this.check(node.alternate);
        const okTest = this.expect(test, node.test, ['boolean'], '"?"');
        if (
          !this.compatible(
            a.type,
            b.type,
            node.alternate,
            '条件表达式的两个分支',
            'the branches of "? :"',
          ) ||
          !okTest
        )
          return failed;
        return {
          type: unifyTypes(a.type, b.type),
          build: () => op.buildConditional(test.build(), a.build(), b.build()),
        };
      }
      case 'call':
        return this.call(node);
      case 'invalid':
        node.children.forEach((child) => this.check(child));
        return failed;
    }
  }

  private list(elements: readonly ExprNode[]): Checked {
    const items = elements.map((e) => this.check(e));
    let of: CheckedType = T.null();
    let ok = true;
    items.forEach((item, i) => {
      if (this.compatible(of, item.type, elements[i] as ExprNode, '列表元素', 'list elements'))
        of = unifyTypes(of, item.type);
      else ok = false;
    });
    if (!ok) return failed;
    const constants = items.every((i) => i.constant)
      ? items.map((i) => i.constant?.value ?? null)
      : undefined;
    return {
      type: T.list(of),
      build: () =>
        op.buildList(
          items.map((i) => i.build()),
          constants,
        ),
      constant: constants ? { value: constants } : undefined,
    };
  }

  /** Reports unless `c` has one of `kinds` (null and error pass). */
  private expect(c: Checked, node: ExprNode, kinds: readonly string[], where: string): boolean {
    const kind = c.type.kind;
    if (kind === 'error') return false;
    if (kind === 'null' || kinds.includes(kind)) return true;
    this.sink.report(
      'type-mismatch',
      `${where} 需要 ${kinds.join(' | ')}，实际为 ${formatType(c.type)}`,
      `${where} needs ${kinds.join(' | ')}, got ${formatType(c.type)}`,
      node.start,
      node.end,
    );
    return false;
  }

  /** Reports a type or unit clash between two types meeting at `node`. */
  private compatible(
    a: CheckedType,
    b: CheckedType,
    node: ExprNode | BinaryNode,
    zh: string,
    en: string,
  ): boolean {
    if (a.kind === 'error' || b.kind === 'error') return false;
    const [start, end] =
      node.kind === 'binary' ? [node.opStart, node.opEnd] : [node.start, node.end];
    if (!typesCompatible(a, b)) {
      this.sink.report(
        'type-mismatch',
        `${zh}类型不一致：${formatType(a)} 与 ${formatType(b)}`,
        `${en} have incompatible types: ${formatType(a)} and ${formatType(b)}`,
        start,
        end,
      );
      return false;
    }
    if (unitsClash(a, b)) {
      this.sink.report(
        'unit-mismatch',
        `${zh}单位不一致：${formatType(a)} 与 ${formatType(b)}`,
        `${en} have different units: ${formatType(a)} and ${formatType(b)}`,
        start,
        end,
      );
      return false;
    }
    return true;
  }

  private binary(node: BinaryNode): Checked {
    const l = this.check(node.left);
    const r = this.check(node.right);
    if (l.type.kind === 'error' || r.type.kind === 'error') return failed;
    const operator = `"${node.op}"`;
    const scalar = (c: Checked, n: ExprNode) => this.expect(c, n, [...SCALARS], operator);
    const kind = (l.type.kind === 'null' ? r.type.kind : l.type.kind) as op.OperandKind;
    switch (node.op) {
      case 'and':
      case 'or': {
        const ok = [
          this.expect(l, node.left, ['boolean'], operator),
          this.expect(r, node.right, ['boolean'], operator),
        ];
        if (!ok.every(Boolean)) return failed;
        const build = node.op === 'and' ? op.buildAnd : op.buildOr;
        return { type: BOOLEAN, build: () => build(l.build(), r.build()) };
      }
      case '==':
      case '!=': {
        const nullSide = l.type.kind === 'null' || r.type.kind === 'null';
        if (!nullSide && !(scalar(l, node.left) && scalar(r, node.right))) return failed;
        if (
          !this.compatible(l.type, r.type, node, `"${node.op}" 两侧`, `both sides of "${node.op}"`)
        )
          return failed;
        const eqOp = node.op;
        return { type: BOOLEAN, build: () => op.buildEquality(eqOp, kind, l.build(), r.build()) };
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const ordered = ['number', 'string', 'date', 'datetime'];
        if (!(
          this.expect(l, node.left, ordered, operator) &&
          this.expect(r, node.right, ordered, operator)
        ))
          return failed;
        if (
          !this.compatible(l.type, r.type, node, `"${node.op}" 两侧`, `both sides of "${node.op}"`)
        )
          return failed;
        const ordOp = node.op;
        return {
          type: BOOLEAN,
          build: () => op.buildOrdering(ordOp, kind, l.build(), r.build(), r.constant?.value),
        };
      }
      case 'in':
      case 'not in': {
        if (!(scalar(l, node.left) && this.expect(r, node.right, ['list'], operator)))
          return failed;
        const of = r.type.kind === 'list' ? r.type.of : T.null();
        if (
          !this.compatible(
            l.type,
            of,
            node,
            `"${node.op}" 的值与列表元素`,
            `the value and list elements of "${node.op}"`,
          )
        )
          return failed;
        const memberKind = (l.type.kind === 'null' ? of.kind : l.type.kind) as op.OperandKind;
        const constants = r.constant?.value as readonly Value[] | undefined;
        return {
          type: BOOLEAN,
          build: () =>
            op.buildMembership(node.op === 'not in', memberKind, l.build(), r.build(), constants),
        };
      }
      default:
        return this.arithmetic(node, l, r);
    }
  }

  private arithmetic(node: BinaryNode, l: Checked, r: Checked): Checked {
    const operator = `"${node.op}"`;
    const isString = (c: Checked) => c.type.kind === 'string';
    if (node.op === '+' && (isString(l) || isString(r))) {
      if (!(
        this.expect(l, node.left, ['string'], operator) &&
        this.expect(r, node.right, ['string'], operator)
      ))
        return failed;
      return { type: T.string(), build: () => op.buildConcat(l.build(), r.build()) };
    }
    const kinds = node.op === '+' ? ['number', 'string'] : ['number'];
    if (!(
      this.expect(l, node.left, kinds, operator) && this.expect(r, node.right, kinds, operator)
    ))
      return failed;
    const lu = l.type.kind === 'number' ? l.type.unit : undefined;
    const ru = r.type.kind === 'number' ? r.type.unit : undefined;
    let unit: string | undefined;
    let clash = false;
    if (node.op === '*') [unit, clash] = [mergeUnit(lu, ru), Boolean(lu && ru)];
    else if (node.op === '/') [unit, clash] = [ru ? undefined : lu, Boolean(lu && ru && lu !== ru)];
    else [unit, clash] = [mergeUnit(lu, ru), Boolean(lu && ru && lu !== ru)];
    if (clash) {
      this.sink.report(
        'unit-mismatch',
        `"${node.op}" 两侧单位不一致：${lu} 与 ${ru}`,
        `different units on both sides of "${node.op}": ${lu} and ${ru}`,
        node.opStart,
        node.opEnd,
      );
      return failed;
    }
    const arithOp = node.op as '+' | '-' | '*' | '/' | '%';
    return { type: T.number(unit), build: () => op.buildArithmetic(arithOp, l.build(), r.build()) };
  }

  private call(node: CallNode): Checked {
    const fn = findBuiltinFunction(node.callee);
    const checked = node.args.map((a) => this.check(a));
    const args: CheckedArg[] = checked.map((c, i) => ({
      type: c.type,
      node: node.args[i] as ExprNode,
    }));
    if (!fn) {
      this.sink.report(
        'unknown-function',
        `未知函数 "${node.callee}"`,
        `unknown function "${node.callee}"`,
        node.start,
        node.calleeEnd,
      );
      return failed;
    }
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      const want = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : `${fn.minArgs}–${fn.maxArgs}`;
      this.sink.report(
        'arity',
        `${fn.name}() 需要 ${want} 个参数，实际 ${args.length} 个`,
        `${fn.name}() takes ${want} argument(s), got ${args.length}`,
        node.start,
        node.end,
      );
      return failed;
    }
    if (args.some((a) => a.type.kind === 'error')) return failed;
    const type = fn.check(args, this.sink);
    if (type.kind === 'error') return failed;
    return {
      type,
      build: () =>
        fn.compile(
          checked.map((c) => c.build()),
          args,
        ),
    };
  }
}
