import { compilePattern } from '../patterns/safe-pattern';
import type { Value } from './expression-api';
import {
  expectAll,
  expectKinds,
  literalString,
  unary,
  type BuiltinFunction,
  type CheckedArg,
} from './function-types';
import type { Evaluator } from './operators';
import {
  ERROR_TYPE,
  T,
  formatType,
  typesCompatible,
  unifyTypes,
  unitsClash,
  type CheckedType,
} from './value-types';

/** Built-in functions on strings, lists and emptiness. */

const lenFn: BuiltinFunction = {
  name: 'len',
  signature: 'len(string | list) → number',
  description: {
    zh: '字符串长度或列表元素个数；空值为 0',
    en: 'length of a string or list; 0 when empty',
  },
  minArgs: 1,
  maxArgs: 1,
  check: (args, sink) =>
    expectAll(sink, 'len', args, ['string', 'list']) ? T.number() : ERROR_TYPE,
  compile: ([value]) =>
    unary(value, 0, (v) =>
      typeof v === 'string' ? [...v].length : (v as readonly Value[]).length,
    ),
};

const countFn: BuiltinFunction = {
  name: 'count',
  signature: 'count(list) → number',
  description: {
    zh: '列表元素个数（如已选选项数）；空值为 0',
    en: 'number of elements (e.g. selected options); 0 when empty',
  },
  minArgs: 1,
  maxArgs: 1,
  check: (args, sink) => (expectAll(sink, 'count', args, ['list']) ? T.number() : ERROR_TYPE),
  compile: ([value]) => unary(value, 0, (v) => (v as readonly Value[]).length),
};

const containsFn: BuiltinFunction = {
  name: 'contains',
  signature: 'contains(list, value) → boolean',
  description: { zh: '列表是否包含该值', en: 'whether the list holds the value' },
  minArgs: 2,
  maxArgs: 2,
  check: (args, sink) => {
    const [list, item] = args as [CheckedArg, CheckedArg];
    if (!expectKinds(sink, 'contains', 0, list, ['list'])) return ERROR_TYPE;
    const of = list.type.kind === 'list' ? list.type.of : T.null();
    if (!typesCompatible(of, item.type) || unitsClash(of, item.type)) {
      sink.report(
        'type-mismatch',
        `contains() 的值类型 ${formatType(item.type)} 与列表元素类型 ${formatType(of)} 不符`,
        `contains() value of type ${formatType(item.type)} does not fit list of ${formatType(of)}`,
        item.node.start,
        item.node.end,
      );
      return ERROR_TYPE;
    }
    return T.boolean();
  },
  compile: ([list, item]) => {
    const [l, x] = [list as Evaluator, item as Evaluator];
    return (s, c) => {
      const xs = l(s, c);
      const v = x(s, c);
      return v !== null && Array.isArray(xs) && xs.includes(v);
    };
  },
};

/** `any`/`all` over a list of booleans or a record whose fields are all booleans (a yes/no matrix). */
function quantifier(name: 'any' | 'all'): BuiltinFunction {
  const isAll = name === 'all';
  return {
    name,
    signature: `${name}(list<boolean> | record of booleans) → boolean`,
    description: isAll
      ? {
          zh: '是否全部为"是"（空值元素视为否；空列表为真）',
          en: 'whether every element is true (null counts as false; true for an empty list)',
        }
      : { zh: '是否至少一个为"是"', en: 'whether at least one element is true' },
    minArgs: 1,
    maxArgs: 1,
    check: (args, sink) => {
      const arg = args[0] as CheckedArg;
      const t = arg.type;
      const ok =
        t.kind === 'error' ||
        t.kind === 'null' ||
        (t.kind === 'list' && (t.of.kind === 'boolean' || t.of.kind === 'null')) ||
        (t.kind === 'record' && Object.values(t.fields).every((f) => f.kind === 'boolean'));
      if (!ok) {
        sink.report(
          'type-mismatch',
          `${name}() 需要布尔列表或是/否矩阵，实际为 ${formatType(t)}`,
          `${name}() needs a list of booleans or a yes/no matrix, got ${formatType(t)}`,
          arg.node.start,
          arg.node.end,
        );
        return ERROR_TYPE;
      }
      return T.boolean();
    },
    compile: ([value], [arg]) => {
      const v = value as Evaluator;
      const type = (arg as CheckedArg).type;
      const keys = type.kind === 'record' ? Object.keys(type.fields) : undefined;
      return (s, c) => {
        const x = v(s, c);
        if (x === null) return isAll;
        const items = keys
          ? keys.map((k) =>
              Object.hasOwn(x as object, k) ? (x as Record<string, Value>)[k] : null,
            )
          : (x as readonly Value[]);
        return isAll ? items.every((b) => b === true) : items.some((b) => b === true);
      };
    },
  };
}

const isEmptyFn: BuiltinFunction = {
  name: 'isEmpty',
  signature: 'isEmpty(any) → boolean',
  description: {
    zh: '是否为空（空值、空字符串、空列表）',
    en: 'whether empty (null, empty string, empty list)',
  },
  minArgs: 1,
  maxArgs: 1,
  check: () => T.boolean(),
  compile: ([value]) =>
    unary(
      value,
      true,
      (v) =>
        v === '' ||
        (Array.isArray(v) && v.length === 0) ||
        (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0),
    ),
};

const coalesceFn: BuiltinFunction = {
  name: 'coalesce',
  signature: 'coalesce(a, b, …) → type of a',
  description: { zh: '第一个非空的参数', en: 'the first argument that is not empty' },
  minArgs: 2,
  maxArgs: 10,
  check: (args, sink) => {
    let type: CheckedType = T.null();
    for (const arg of args) {
      if (!typesCompatible(type, arg.type) || unitsClash(type, arg.type)) {
        sink.report(
          unitsClash(type, arg.type) ? 'unit-mismatch' : 'type-mismatch',
          `coalesce() 的参数类型不一致：${formatType(type)} 与 ${formatType(arg.type)}`,
          `coalesce() arguments differ in type: ${formatType(type)} and ${formatType(arg.type)}`,
          arg.node.start,
          arg.node.end,
        );
        return ERROR_TYPE;
      }
      type = unifyTypes(type, arg.type);
    }
    return type;
  },
  compile: (args) => (s, c) => {
    for (const arg of args) {
      const v = arg(s, c);
      if (v !== null) return v;
    }
    return null;
  },
};

function caseFn(name: 'lower' | 'upper'): BuiltinFunction {
  return {
    name,
    signature: `${name}(string) → string`,
    description:
      name === 'lower'
        ? { zh: '转为小写', en: 'lower case' }
        : { zh: '转为大写', en: 'upper case' },
    minArgs: 1,
    maxArgs: 1,
    check: (args, sink) => (expectAll(sink, name, args, ['string']) ? T.string() : ERROR_TYPE),
    compile: ([value]) =>
      unary(
        value,
        null,
        name === 'lower' ? (v) => (v as string).toLowerCase() : (v) => (v as string).toUpperCase(),
      ),
  };
}

const startsWithFn: BuiltinFunction = {
  name: 'startsWith',
  signature: 'startsWith(string, string) → boolean',
  description: { zh: '是否以指定前缀开头', en: 'whether the string starts with the prefix' },
  minArgs: 2,
  maxArgs: 2,
  check: (args, sink) =>
    expectAll(sink, 'startsWith', args, ['string']) ? T.boolean() : ERROR_TYPE,
  compile: ([text, prefix]) => {
    const [a, b] = [text as Evaluator, prefix as Evaluator];
    return (s, c) => {
      const x = a(s, c);
      const p = b(s, c);
      return x !== null && p !== null && (x as string).startsWith(p as string);
    };
  },
};

const matchesFn: BuiltinFunction = {
  name: 'matches',
  signature: "matches(string, 'pattern') → boolean",
  description: {
    zh: '是否匹配安全正则子集中的模式（模式须为字符串字面量）',
    en: 'whether the string matches a vetted pattern (a string literal)',
  },
  minArgs: 2,
  maxArgs: 2,
  check: (args, sink) => {
    const [text, pattern] = args as [CheckedArg, CheckedArg];
    if (!expectKinds(sink, 'matches', 0, text, ['string'])) return ERROR_TYPE;
    const source = literalString(pattern);
    if (source === undefined) {
      sink.report(
        'pattern-not-literal',
        'matches() 的模式必须是字符串字面量，以便发布时检查',
        'the pattern of matches() must be a string literal so it can be checked at publish',
        pattern.node.start,
        pattern.node.end,
      );
      return ERROR_TYPE;
    }
    const result = compilePattern(source);
    if (!result.ok) {
      const inner = pattern.node.start + 1;
      for (const d of result.diagnostics) {
        const start = Math.min(inner + d.start, pattern.node.end - 1);
        sink.report(
          d.code,
          d.message.zh,
          d.message.en,
          start,
          Math.max(start + 1, Math.min(inner + d.end, pattern.node.end - 1)),
        );
      }
      return ERROR_TYPE;
    }
    return T.boolean();
  },
  compile: ([text], [, pattern]) => {
    const compiled = compilePattern(literalString(pattern) ?? '');
    if (!compiled.ok) throw new Error('matches() compiled after a failed check');
    const p = compiled.pattern;
    const a = text as Evaluator;
    return (s, c) => {
      const x = a(s, c);
      return x !== null && p.test(x as string);
    };
  },
};

/** Functions on strings, lists and emptiness, in documentation order. */
export const TEXT_LIST_FUNCTIONS: readonly BuiltinFunction[] = [
  lenFn,
  countFn,
  containsFn,
  quantifier('any'),
  quantifier('all'),
  isEmptyFn,
  coalesceFn,
  caseFn('lower'),
  caseFn('upper'),
  startsWithFn,
  matchesFn,
];
