import type { DictionaryIndex } from '../dictionaries/dictionary-index';
import { indexDictionaries } from '../dictionaries/dictionary-index';
import { analyseForm } from '../model/compile-form';
import type { CompiledForm } from '../model/compiled-form';
import type { Dictionary } from '../types/dictionary.types';
import type { FormDefinition, GoldenCase } from '../types/form.types';
import type { ValidationResult } from '../validate/validate';
import { validate } from '../validate/validate';
import { CHINA_UTC_OFFSET_MINUTES } from '../validate/validation-context';

/** The outcome of one golden case; `failures` says what differed, in English for logs. */
export interface GoldenCaseResult {
  readonly index: number;
  readonly name: string;
  readonly passed: boolean;
  /** JSON pointer of the case inside the form definition. */
  readonly pointer: string;
  readonly failures: readonly string[];
}

/** What the runner needs besides the form. */
export interface GoldenContext {
  readonly dictionaries?: DictionaryIndex | readonly Dictionary[];
}

/** Used when a case names no `now`: a fixed instant, so results never depend on the clock. */
export const DEFAULT_GOLDEN_NOW = '2024-01-01T04:00:00Z';

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) &&
      sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

const show = (v: unknown): string => JSON.stringify(v) ?? 'undefined';

type IssueKey = { readonly path: string; readonly code: string };

/** Exact-set comparison of issues by path and code, when the case lists them. */
function compareIssues(
  kind: 'error' | 'warning',
  want: readonly IssueKey[] | undefined,
  got: readonly IssueKey[],
  failures: string[],
): void {
  if (want === undefined) return;
  const wanted = new Set(want.map((e) => `${e.path} ${e.code}`));
  const found = new Set(got.map((e) => `${e.path} ${e.code}`));
  for (const w of wanted) if (!found.has(w)) failures.push(`missing ${kind} ${w}`);
  for (const g of found) if (!wanted.has(g)) failures.push(`unexpected ${kind} ${g}`);
}

/** Compares a validation result with a case's expectation; returns what differed. */
export function compareWithExpectation(
  result: ValidationResult,
  expected: GoldenCase['expect'],
): string[] {
  const failures: string[] = [];
  if (result.valid !== expected.valid)
    failures.push(`valid: expected ${expected.valid}, got ${result.valid}`);
  compareIssues('error', expected.errors, result.errors, failures);
  compareIssues('warning', expected.warnings, result.warnings, failures);
  for (const state of ['visible', 'required'] as const) {
    for (const [path, want] of Object.entries(expected[state] ?? {})) {
      const got = result.effects[state][path];
      if (got !== want) failures.push(`${state} ${path}: expected ${want}, got ${show(got)}`);
    }
  }
  for (const [key, want] of Object.entries(expected.derived ?? {})) {
    const got = result.derived[key];
    if (!sameJson(got ?? null, want))
      failures.push(`derived.${key}: expected ${show(want)}, got ${show(got)}`);
  }
  for (const [key, want] of Object.entries(expected.values ?? {})) {
    const got = result.values[key];
    if (!sameJson(got ?? null, want))
      failures.push(`values.${key}: expected ${show(want)}, got ${show(got)}`);
  }
  return failures;
}

/** Runs one case against a compiled form. */
export function runGoldenCase(
  compiled: CompiledForm,
  c: GoldenCase,
  index: number,
  context: GoldenContext,
): GoldenCaseResult {
  const now = new Date(c.now ?? DEFAULT_GOLDEN_NOW);
  const result = validate(compiled, c.input, {
    now,
    utcOffsetMinutes: c.utcOffsetMinutes ?? CHINA_UTC_OFFSET_MINUTES,
    dictionaries: context.dictionaries,
    parameters: c.parameters,
  });
  const failures = Number.isNaN(now.getTime())
    ? [`invalid now ${c.now ?? ''}`]
    : compareWithExpectation(result, c.expect);
  return {
    index,
    name: c.name,
    passed: failures.length === 0,
    pointer: `/goldenCases/${index}`,
    failures,
  };
}

/**
 * Runs every golden case of a form. A form with static problems fails every case (it cannot be
 * published anyway); publishing is refused unless every result passed.
 */
export function runGoldenCases(
  form: FormDefinition,
  context: GoldenContext = {},
): GoldenCaseResult[] {
  const given = context.dictionaries;
  const index =
    given === undefined
      ? undefined
      : Array.isArray(given)
        ? indexDictionaries(given as readonly Dictionary[])
        : (given as DictionaryIndex);
  const { compiled, problems } = analyseForm(form, index);
  const cases = form.goldenCases ?? [];
  if (compiled === null) {
    const failures = [
      `form has ${problems.length} static problem(s), first: ${problems[0]?.pointer ?? ''} ${problems[0]?.code ?? ''}`,
    ];
    return cases.map((c, i) => ({
      index: i,
      name: c.name,
      passed: false,
      pointer: `/goldenCases/${i}`,
      failures,
    }));
  }
  return cases.map((c, i) => runGoldenCase(compiled, c, i, { dictionaries: index }));
}
