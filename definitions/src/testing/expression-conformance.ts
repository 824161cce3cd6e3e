import type { CompileResult, TypeScope, Value, ValueType } from '../expressions/expression-api';
import { isFault } from '../expressions/faults';
import { scopeFromPaths, typeScopeFromRecord } from '../expressions/scopes';

/**
 * Runs the expression conformance corpus (`definitions/conformance/expressions.json`) against any
 * compiler with the contract's signature, so every package proves it evaluates rules the same way.
 */

/** What a case expects: a value, a runtime fault, or a static error (optionally located). */
export type ConformanceExpectation =
  | { readonly value: Value }
  | { readonly fault: string }
  | { readonly error: string; readonly at?: { readonly line: number; readonly column: number } };

/** One conformance case. */
export interface ExpressionConformanceCase {
  readonly id: string;
  readonly expression: string;
  /** Field and parameter types by dotted path. */
  readonly types?: Readonly<Record<string, ValueType>>;
  /** Field values by dotted path; absent paths read as null. */
  readonly values?: Readonly<Record<string, Value>>;
  /** ISO instant used as "now" (default `DEFAULT_CONFORMANCE_NOW`). */
  readonly now?: string;
  /** Minutes east of UTC for today() (default 480, China). */
  readonly utcOffsetMinutes?: number;
  readonly expect: ConformanceExpectation;
}

/** The corpus file: cases grouped by topic. */
export interface ExpressionConformanceCorpus {
  readonly version: number;
  /** Documentation of the defaults the runner applies (`now`, `utcOffsetMinutes`). */
  readonly defaults?: { readonly now: string; readonly utcOffsetMinutes: number };
  readonly groups: readonly {
    readonly topic: string;
    readonly cases: readonly ExpressionConformanceCase[];
  }[];
}

/** The compiler under test. */
export type ConformanceCompiler = (source: string, types: TypeScope) => CompileResult;

/** Outcome of one case. */
export interface ConformanceResult {
  readonly id: string;
  readonly pass: boolean;
  /** Why it failed (absent on a pass). */
  readonly reason?: string;
}

/** Summary of a run. */
export interface ConformanceReport {
  readonly total: number;
  readonly passed: number;
  readonly failed: readonly ConformanceResult[];
  readonly results: readonly ConformanceResult[];
}

/** 2026-03-15 10:00 in China (UTC+8). */
export const DEFAULT_CONFORMANCE_NOW = '2026-03-15T02:00:00.000Z';

/** All cases of a corpus in file order. */
export function conformanceCases(corpus: ExpressionConformanceCorpus): ExpressionConformanceCase[] {
  return corpus.groups.flatMap((group) => group.cases);
}

/** Deep equality of JSON values; numbers within 1e-9 (relative) are equal. */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => sameValue(x, b[i]))
    );
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every(
        (k) =>
          Object.hasOwn(b, k) &&
          sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
      )
    );
  }
  return a === b;
}

/** Runs one case. */
export function runConformanceCase(
  testCase: ExpressionConformanceCase,
  compile: ConformanceCompiler,
): ConformanceResult {
  const { id, expect } = testCase;
  const fail = (reason: string): ConformanceResult => ({ id, pass: false, reason });
  let compiled: CompileResult;
  try {
    compiled = compile(testCase.expression, typeScopeFromRecord(testCase.types ?? {}));
  } catch (e) {
    return fail(`compile threw: ${String(e)}`);
  }
  if ('error' in expect) {
    if (compiled.ok) return fail(`expected static error ${expect.error}, but it compiled`);
    const codes = compiled.diagnostics.map((d) => `${d.code}@${d.start.line}:${d.start.column}`);
    const hit = compiled.diagnostics.find(
      (d) =>
        d.code === expect.error &&
        (!expect.at || (d.start.line === expect.at.line && d.start.column === expect.at.column)),
    );
    const where = expect.at ? `@${expect.at.line}:${expect.at.column}` : '';
    return hit
      ? { id, pass: true }
      : fail(`expected ${expect.error}${where}, got ${codes.join(', ') || 'no diagnostics'}`);
  }
  if (!compiled.ok) {
    return fail(
      `did not compile: ${compiled.diagnostics.map((d) => `${d.code}: ${d.message.en}`).join('; ')}`,
    );
  }
  const context = {
    now: new Date(testCase.now ?? DEFAULT_CONFORMANCE_NOW),
    utcOffsetMinutes: testCase.utcOffsetMinutes ?? 480,
  };
  let result: ReturnType<typeof compiled.expression.evaluate>;
  try {
    result = compiled.expression.evaluate(scopeFromPaths(testCase.values ?? {}), context);
  } catch (e) {
    return fail(`evaluate threw: ${String(e)}`);
  }
  if ('fault' in expect) {
    if (!isFault(result))
      return fail(`expected fault ${expect.fault}, got value ${JSON.stringify(result)}`);
    return result.code === expect.fault
      ? { id, pass: true }
      : fail(`expected fault ${expect.fault}, got fault ${result.code}`);
  }
  if (isFault(result))
    return fail(
      `expected ${JSON.stringify(expect.value)}, got fault ${result.code}: ${result.message.en}`,
    );
  return sameValue(result, expect.value)
    ? { id, pass: true }
    : fail(`expected ${JSON.stringify(expect.value)}, got ${JSON.stringify(result)}`);
}

/** Runs every case and summarises; never throws. */
export function runExpressionConformance(
  cases: readonly ExpressionConformanceCase[],
  compile: ConformanceCompiler,
): ConformanceReport {
  const results = cases.map((c) => runConformanceCase(c, compile));
  const failed = results.filter((r) => !r.pass);
  return { total: results.length, passed: results.length - failed.length, failed, results };
}
