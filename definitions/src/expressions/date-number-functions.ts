import { dayNumber, today, wholeYears } from './dates';
import type { Value } from './expression-api';
import { raise } from './faults';
import { expectAll, literalString, unary, type BuiltinFunction } from './function-types';
import type { Evaluator } from './operators';
import { ERROR_TYPE, T, mergeUnit, unitsCompatible, type CheckedType } from './value-types';

/** Built-in functions on dates and numbers. */

function validDay(v: Value): number {
  const day = typeof v === 'string' ? dayNumber(v) : undefined;
  return day === undefined
    ? raise('invalid-date', `无效的日期 "${String(v)}"`, `invalid date "${String(v)}"`)
    : day;
}

function validDate(v: Value): string {
  validDay(v);
  return v as string;
}

/** Checks that numeric arguments share a unit and returns the common unit. */
function commonUnit(
  fn: string,
  args: Parameters<BuiltinFunction['check']>[0],
  sink: Parameters<BuiltinFunction['check']>[1],
): CheckedType {
  let unit: string | undefined;
  for (const arg of args) {
    if (arg.type.kind !== 'number') continue;
    if (!unitsCompatible(unit, arg.type.unit)) {
      sink.report(
        'unit-mismatch',
        `${fn}() 的参数单位不一致：${unit} 与 ${arg.type.unit}`,
        `${fn}() arguments have different units: ${unit} and ${arg.type.unit}`,
        arg.node.start,
        arg.node.end,
      );
      return ERROR_TYPE;
    }
    unit = mergeUnit(unit, arg.type.unit);
  }
  return T.number(unit);
}

const todayFn: BuiltinFunction = {
  name: 'today',
  signature: 'today() → date',
  description: { zh: '评估上下文时区中的今天', en: "today's date in the context's UTC offset" },
  minArgs: 0,
  maxArgs: 0,
  check: () => T.date(),
  compile: () => (_s, c) => today(c),
};

const nowFn: BuiltinFunction = {
  name: 'now',
  signature: 'now() → datetime',
  description: { zh: '当前时刻（UTC ISO 字符串）', en: 'the current instant (UTC ISO string)' },
  minArgs: 0,
  maxArgs: 0,
  check: () => T.datetime(),
  compile: () => (_s, c) => c.now.toISOString(),
};

const ageFn: BuiltinFunction = {
  name: 'age',
  signature: 'age(date) → number',
  description: { zh: '到今天为止的周岁', en: 'whole years up to today' },
  minArgs: 1,
  maxArgs: 1,
  check: (args, sink) => (expectAll(sink, 'age', args, ['date']) ? T.number() : ERROR_TYPE),
  compile: ([birth]) => {
    const b = birth as Evaluator;
    return (s, c) => {
      const v = b(s, c);
      return v === null ? null : wholeYears(validDate(v), today(c));
    };
  },
};

const daysBetweenFn: BuiltinFunction = {
  name: 'daysBetween',
  signature: 'daysBetween(date, date) → number',
  description: { zh: '第二个日期减第一个日期的天数', en: 'days from the first date to the second' },
  minArgs: 2,
  maxArgs: 2,
  check: (args, sink) => (expectAll(sink, 'daysBetween', args, ['date']) ? T.number() : ERROR_TYPE),
  compile: ([from, to]) => {
    const [a, b] = [from as Evaluator, to as Evaluator];
    return (s, c) => {
      const x = a(s, c);
      const y = b(s, c);
      return x === null || y === null ? null : validDay(y) - validDay(x);
    };
  },
};

const dateFn: BuiltinFunction = {
  name: 'date',
  signature: 'date(string) → date',
  description: { zh: '把 YYYY-MM-DD 字符串转为日期', en: 'a YYYY-MM-DD string as a date' },
  minArgs: 1,
  maxArgs: 1,
  check: (args, sink) => {
    if (!expectAll(sink, 'date', args, ['string'])) return ERROR_TYPE;
    const text = literalString(args[0]);
    if (text !== undefined && dayNumber(text) === undefined) {
      const node = (args[0] as (typeof args)[0]).node;
      sink.report(
        'invalid-date',
        `无效的日期 "${text}"，应为真实存在的 YYYY-MM-DD`,
        `invalid date "${text}": expected a real YYYY-MM-DD date`,
        node.start,
        node.end,
      );
      return ERROR_TYPE;
    }
    return T.date();
  },
  compile: ([text], [arg]) => {
    const literal = literalString(arg);
    return literal !== undefined ? () => literal : unary(text, null, validDate);
  },
};

function extremum(name: 'min' | 'max', pick: (a: number, b: number) => number): BuiltinFunction {
  return {
    name,
    signature: `${name}(number, number, …) → number`,
    description:
      name === 'min'
        ? { zh: '最小值', en: 'the smallest argument' }
        : { zh: '最大值', en: 'the largest argument' },
    minArgs: 2,
    maxArgs: 10,
    check: (args, sink) =>
      expectAll(sink, name, args, ['number']) ? commonUnit(name, args, sink) : ERROR_TYPE,
    compile: (args) => (s, c) => {
      let best: number | undefined;
      for (const arg of args) {
        const v = arg(s, c);
        if (v === null) return null;
        best = best === undefined ? (v as number) : pick(best, v as number);
      }
      return best ?? null;
    },
  };
}

/** Rounds half away from zero at `digits` decimals, without binary-fraction surprises (1.005 → 1.01). */
export function roundHalfAway(n: number, digits: number): number {
  const sign = n < 0 ? -1 : 1;
  const shifted = Number(`${Math.abs(n)}e${digits}`);
  return sign * Number(`${Math.round(shifted)}e${-digits}`) + 0;
}

const roundFn: BuiltinFunction = {
  name: 'round',
  signature: 'round(number, digits = 0) → number',
  description: {
    zh: '四舍五入到指定小数位（0–10）',
    en: 'round half away from zero to 0–10 decimals',
  },
  minArgs: 1,
  maxArgs: 2,
  check: (args, sink) => {
    if (!expectAll(sink, 'round', args, ['number'])) return ERROR_TYPE;
    const first = args[0]?.type;
    return first?.kind === 'number' ? T.number(first.unit) : T.number();
  },
  compile: ([value, digits]) => {
    const v = value as Evaluator;
    const d = digits ?? (() => 0);
    return (s, c) => {
      const n = v(s, c);
      const k = d(s, c);
      if (n === null || k === null) return null;
      if (!Number.isInteger(k) || (k as number) < 0 || (k as number) > 10) {
        return raise(
          'invalid-argument',
          `round() 的小数位应为 0–10 的整数，实际为 ${String(k)}`,
          `round() digits must be an integer 0–10, got ${String(k)}`,
        );
      }
      return roundHalfAway(n as number, k as number);
    };
  },
};

const absFn: BuiltinFunction = {
  name: 'abs',
  signature: 'abs(number) → number',
  description: { zh: '绝对值', en: 'absolute value' },
  minArgs: 1,
  maxArgs: 1,
  check: (args, sink) => {
    if (!expectAll(sink, 'abs', args, ['number'])) return ERROR_TYPE;
    const first = args[0]?.type;
    return first?.kind === 'number' ? T.number(first.unit) : T.number();
  },
  compile: ([value]) => unary(value, null, (v) => Math.abs(v as number)),
};

/** Functions on dates and numbers, in documentation order. */
export const DATE_NUMBER_FUNCTIONS: readonly BuiltinFunction[] = [
  todayFn,
  nowFn,
  ageFn,
  daysBetweenFn,
  dateFn,
  extremum('min', Math.min),
  extremum('max', Math.max),
  roundFn,
  absFn,
];
