import type { ExprNode } from './ast';
import type { DiagnosticSink } from './diagnostics';
import type { LocalizedText, Value } from './expression-api';
import type { Evaluator } from './operators';
import { formatType, type CheckedType } from './value-types';

/** An argument after checking: its type, its syntax (for positions and literal-only arguments). */
export interface CheckedArg {
  readonly type: CheckedType;
  readonly node: ExprNode;
}

/** A built-in function declared as data: a signature, a type rule and a closure builder. */
export interface BuiltinFunction {
  readonly name: string;
  /** For documentation and the designer's rule builder, e.g. `age(date) → number`. */
  readonly signature: string;
  readonly description: LocalizedText;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Checks argument types (reporting to `sink`) and returns the result type. */
  check(args: readonly CheckedArg[], sink: DiagnosticSink): CheckedType;
  /** Builds the runtime closure from compiled arguments; called only after a clean check. */
  compile(args: readonly Evaluator[], checked: readonly CheckedArg[]): Evaluator;
}

/** Kinds an argument may have, with `any` accepting every type. */
export type ArgKind = CheckedType['kind'] | 'any';

/**
 * Reports a type error unless `arg` has one of `kinds`; null and error types always pass (an
 * empty field is legal everywhere, and an earlier error must not cascade).
 */
export function expectKinds(
  sink: DiagnosticSink,
  fn: string,
  index: number,
  arg: CheckedArg | undefined,
  kinds: readonly ArgKind[],
): boolean {
  if (!arg) return false;
  const kind = arg.type.kind;
  if (kind === 'error' || kind === 'null' || kinds.includes('any') || kinds.includes(kind))
    return true;
  const want = kinds.join(' | ');
  sink.report(
    'type-mismatch',
    `${fn}() 的第 ${index + 1} 个参数应为 ${want}，实际为 ${formatType(arg.type)}`,
    `argument ${index + 1} of ${fn}() must be ${want}, got ${formatType(arg.type)}`,
    arg.node.start,
    arg.node.end,
  );
  return false;
}

/** Helper for the common "every argument is one of these kinds" rule. */
export function expectAll(
  sink: DiagnosticSink,
  fn: string,
  args: readonly CheckedArg[],
  kinds: readonly ArgKind[],
): boolean {
  return args.map((arg, i) => expectKinds(sink, fn, i, arg, kinds)).every(Boolean);
}

/** A literal string argument's text, if the argument is one. */
export function literalString(arg: CheckedArg | undefined): string | undefined {
  return arg?.node.kind === 'literal' && typeof arg.node.value === 'string'
    ? arg.node.value
    : undefined;
}

/** Builds a unary closure that maps null to `ifNull` and applies `f` otherwise. */
export function unary(
  arg: Evaluator | undefined,
  ifNull: Value,
  f: (v: Value) => Value,
): Evaluator {
  const a = arg as Evaluator;
  return (s, c) => {
    const v = a(s, c);
    return v === null ? ifNull : f(v);
  };
}
