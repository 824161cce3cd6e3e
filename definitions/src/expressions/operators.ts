import { datetimeMillis } from './dates';
import type { EvaluationContext, Value, ValueScope, ValueType } from './expression-api';
import { raise } from './faults';

/**
 * Runtime closures for the operators. The checker has already proved the operand types, so each
 * builder picks one specialised closure at compile time; evaluation allocates nothing.
 *
 * Null semantics (an empty field reads as `null`):
 * - comparisons `< <= > >=` with a null operand are false; `==`/`!=` treat null as an ordinary
 *   value (`x == null` is true exactly when x is empty);
 * - arithmetic and string concatenation with a null operand yield null;
 * - `and`, `or`, `not`, `? :` treat null as false (two-valued: they always yield a boolean), so
 *   `not null` is true and `null or true` is true;
 * - `x in list` is false when x or the list is null; `x not in list` is `not (x in list)`.
 */

/** A compiled expression node. */
export type Evaluator = (scope: ValueScope, context: EvaluationContext) => Value;

/** How runtime values of one checked type compare: strings compare by code unit, which orders dates. */
export type OperandKind = 'number' | 'string' | 'boolean' | 'date' | 'datetime' | 'null';

/** Comparison operators. */
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

function wrongValue(path: string, expected: string, actual: unknown): never {
  const got = Array.isArray(actual) ? 'list' : typeof actual;
  return raise(
    'value-type',
    `字段 "${path}" 的值类型为 ${got}，应为 ${expected}`,
    `field "${path}" holds a ${got}, expected ${expected}`,
  );
}

const isDateShape = (v: string): boolean =>
  v.length === 10 && v.charCodeAt(4) === 45 && v.charCodeAt(7) === 45;

/** Reads a field once per evaluation and faults if the submission holds the wrong kind of value. */
export function fieldReader(path: readonly string[], type: ValueType): Evaluator {
  const name = path.join('.');
  switch (type.kind) {
    case 'number':
    case 'string':
    case 'boolean': {
      const kind = type.kind;
      return (s) => {
        const v = s.get(path);
        if (typeof v === kind) return v;
        return v === null || v === undefined ? null : wrongValue(name, kind, v);
      };
    }
    case 'date':
      return (s) => {
        const v = s.get(path);
        if (typeof v === 'string' && isDateShape(v)) return v;
        return v === null || v === undefined ? null : wrongValue(name, 'date', v);
      };
    case 'datetime':
      return (s) => {
        const v = s.get(path);
        if (typeof v === 'string') return v;
        return v === null || v === undefined ? null : wrongValue(name, 'datetime', v);
      };
    case 'list':
      return (s) => {
        const v = s.get(path);
        if (Array.isArray(v)) return v;
        return v === null || v === undefined ? null : wrongValue(name, 'list', v);
      };
    case 'record':
      return (s) => {
        const v = s.get(path);
        if (typeof v === 'object' && !Array.isArray(v)) return v;
        return v === undefined ? null : wrongValue(name, 'record', v);
      };
    default:
      return (s) => s.get(path) ?? null;
  }
}

/** A constant. */
export function constant(value: Value): Evaluator {
  return () => value;
}

function millis(v: string): number {
  const ms = datetimeMillis(v);
  return ms === undefined
    ? raise('invalid-datetime', `无效的日期时间 "${v}"`, `invalid datetime "${v}"`)
    : ms;
}

/** `==`/`!=`; datetimes compare as instants, everything else by identity of the primitive. */
export function buildEquality(
  op: '==' | '!=',
  kind: OperandKind,
  l: Evaluator,
  r: Evaluator,
): Evaluator {
  if (kind === 'datetime') {
    const eq: Evaluator = (s, c) => {
      const a = l(s, c);
      const b = r(s, c);
      return a === null || b === null ? a === b : millis(a as string) === millis(b as string);
    };
    return op === '==' ? eq : (s, c) => !eq(s, c);
  }
  return op === '==' ? (s, c) => l(s, c) === r(s, c) : (s, c) => l(s, c) !== r(s, c);
}

/** `< <= > >=` on numbers, strings and dates (strings), or datetimes (instants); null → false. */
export function buildOrdering(
  op: '<' | '<=' | '>' | '>=',
  kind: OperandKind,
  l: Evaluator,
  r: Evaluator,
  rightConstant?: Value,
): Evaluator {
  if (kind === 'datetime') {
    const ordered = buildOrdering(
      op,
      'number',
      (s, c) => toMillis(l(s, c)),
      (s, c) => toMillis(r(s, c)),
    );
    return ordered;
  }
  if (rightConstant !== undefined && rightConstant !== null) {
    const k = rightConstant as number;
    switch (op) {
      case '<':
        return (s, c) => {
          const a = l(s, c);
          return a !== null && (a as number) < k;
        };
      case '<=':
        return (s, c) => {
          const a = l(s, c);
          return a !== null && (a as number) <= k;
        };
      case '>':
        return (s, c) => {
          const a = l(s, c);
          return a !== null && (a as number) > k;
        };
      default:
        return (s, c) => {
          const a = l(s, c);
          return a !== null && (a as number) >= k;
        };
    }
  }
  switch (op) {
    case '<':
      return (s, c) => {
        const a = l(s, c);
        const b = r(s, c);
        return a !== null && b !== null && (a as number) < (b as number);
      };
    case '<=':
      return (s, c) => {
        const a = l(s, c);
        const b = r(s, c);
        return a !== null && b !== null && (a as number) <= (b as number);
      };
    case '>':
      return (s, c) => {
        const a = l(s, c);
        const b = r(s, c);
        return a !== null && b !== null && (a as number) > (b as number);
      };
    default:
      return (s, c) => {
        const a = l(s, c);
        const b = r(s, c);
        return a !== null && b !== null && (a as number) >= (b as number);
      };
  }
}

function toMillis(v: Value): Value {
  return v === null ? null : millis(v as string);
}

/** Arithmetic faults instead of producing Infinity or NaN. */
function finite(n: number): number {
  return Number.isFinite(n)
    ? n
    : raise('not-finite', '计算结果超出数值范围', 'result is out of the numeric range');
}

/** `+ - * / %` on numbers; null in, null out; dividing by zero is a fault. */
export function buildArithmetic(
  op: '+' | '-' | '*' | '/' | '%',
  l: Evaluator,
  r: Evaluator,
): Evaluator {
  const divisionByZero = (): never => raise('division-by-zero', '除数为零', 'division by zero');
  switch (op) {
    case '+':
      return (s, c) => {
        const a = l(s, c);
        const b = r(s, c);
        return a === null || b === null ? null : finite((a as number) + (b as number));
      };
    case '-':
      return (s, c) => {
        const a = l(s, c);
        const b = r(s, c);
        return a === null || b === null ? null : finite((a as number) - (b as number));
      };
    case '*':
      return (s, c) => {
        const a = l(s, c);
        const b = r(s, c);
        return a === null || b === null ? null : finite((a as number) * (b as number));
      };
    case '/':
      return (s, c) => {
        const a = l(s, c);
        const b = r(s, c);
        if (a === null || b === null) return null;
        return b === 0 ? divisionByZero() : finite((a as number) / (b as number));
      };
    default:
      return (s, c) => {
        const a = l(s, c);
        const b = r(s, c);
        if (a === null || b === null) return null;
        return b === 0 ? divisionByZero() : finite((a as number) % (b as number));
      };
  }
}

/** String `+`; null in, null out. */
export function buildConcat(l: Evaluator, r: Evaluator): Evaluator {
  return (s, c) => {
    const a = l(s, c);
    const b = r(s, c);
    return a === null || b === null ? null : (a as string) + (b as string);
  };
}

/** Unary minus. */
export function buildNegate(operand: Evaluator): Evaluator {
  return (s, c) => {
    const a = operand(s, c);
    return a === null ? null : -(a as number) + 0;
  };
}

/** `and`/`or`/`not` with null treated as false; always a boolean. */
export function buildAnd(l: Evaluator, r: Evaluator): Evaluator {
  return (s, c) => l(s, c) === true && r(s, c) === true;
}

/** See `buildAnd`. */
export function buildOr(l: Evaluator, r: Evaluator): Evaluator {
  return (s, c) => l(s, c) === true || r(s, c) === true;
}

/** See `buildAnd`. */
export function buildNot(operand: Evaluator): Evaluator {
  return (s, c) => operand(s, c) !== true;
}

/** `test ? a : b`; a null test takes the `b` branch. */
export function buildConditional(test: Evaluator, a: Evaluator, b: Evaluator): Evaluator {
  return (s, c) => (test(s, c) === true ? a(s, c) : b(s, c));
}

/** A list literal; all-constant lists are built once. */
export function buildList(elements: readonly Evaluator[], constants?: readonly Value[]): Evaluator {
  if (constants) {
    const frozen = Object.freeze([...constants]);
    return () => frozen;
  }
  return (s, c) => elements.map((e) => e(s, c));
}

/** `x in list` / `x not in list`; a constant list becomes a Set looked up in O(1). */
export function buildMembership(
  negate: boolean,
  kind: OperandKind,
  item: Evaluator,
  list: Evaluator,
  constants?: readonly Value[],
): Evaluator {
  let member: Evaluator;
  if (kind === 'datetime') {
    member = (s, c) => {
      const x = item(s, c);
      const xs = list(s, c);
      if (x === null || !Array.isArray(xs)) return false;
      const ms = millis(x as string);
      return xs.some((y) => typeof y === 'string' && datetimeMillis(y) === ms);
    };
  } else if (constants) {
    const set = new Set<Value>(constants.filter((v) => v !== null));
    member = (s, c) => set.has(item(s, c));
  } else {
    member = (s, c) => {
      const x = item(s, c);
      const xs = list(s, c);
      return x !== null && Array.isArray(xs) && xs.includes(x);
    };
  }
  return negate ? (s, c) => !member(s, c) : member;
}
