/**
 * The contract between the expression language and its users (form validator, renderer mappings,
 * designer, engine). The implementation lives beside this file and is exported from ./index.ts.
 * Changing this file is a design decision: keep it small and stable.
 */

/** Static type of an expression or of a field as seen by expressions. */
export type ValueType =
  | { readonly kind: 'number'; readonly unit?: string }
  | { readonly kind: 'string' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  | { readonly kind: 'datetime' }
  | { readonly kind: 'null' }
  | { readonly kind: 'list'; readonly of: ValueType }
  | { readonly kind: 'record'; readonly fields: Readonly<Record<string, ValueType>> };

/**
 * A runtime value as it appears in a submission: dates are `YYYY-MM-DD` strings, datetimes
 * ISO 8601 strings with an offset, multiple choices arrays of option codes, repeats arrays of records.
 */
export type Value =
  null | boolean | number | string | readonly Value[] | { readonly [key: string]: Value };

/** A place inside an expression's source text (1-based line and column, 0-based offset). */
export interface SourcePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** A bilingual message; zh is the default locale. */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

/** A parse or type error, located inside the expression source. */
export interface ExpressionDiagnostic {
  /** Stable machine code, e.g. `unknown-field`, `type-mismatch`, `syntax`, `unsafe-pattern`. */
  readonly code: string;
  readonly message: LocalizedText;
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** What the checker knows about names: field paths (and parameters) resolve to types. */
export interface TypeScope {
  resolve(path: readonly string[]): ValueType | undefined;
}

/** Where an evaluation reads values from; returns `null` for an empty or absent field. */
export interface ValueScope {
  get(path: readonly string[]): Value;
}

/** Everything an evaluation may depend on besides field values, so results are reproducible. */
export interface EvaluationContext {
  /** The instant treated as "now" by today()/now()/age(); golden cases fix it. */
  readonly now: Date;
  /** Offset of local time from UTC in minutes used for today(); China = 480. */
  readonly utcOffsetMinutes: number;
}

/** An expression that parsed and type-checked; safe to evaluate any number of times. */
export interface CompiledExpression {
  readonly source: string;
  readonly type: ValueType;
  /** Dotted paths of every field or parameter the expression reads (for cycle detection). */
  readonly dependencies: readonly string[];
  /** Evaluates without throwing on missing data; a runtime fault returns an `ExpressionFault`. */
  evaluate(scope: ValueScope, context: EvaluationContext): Value | ExpressionFault;
}

/** A runtime error (e.g. division by zero) reported as a value rather than thrown. */
export interface ExpressionFault {
  readonly fault: true;
  readonly code: string;
  readonly message: LocalizedText;
}

export type CompileResult =
  | { readonly ok: true; readonly expression: CompiledExpression }
  | { readonly ok: false; readonly diagnostics: readonly ExpressionDiagnostic[] };

/** Optional knobs for `compileExpression`; every field has a safe default. */
export interface CompileOptions {
  /** Type the whole expression must have, e.g. boolean for visibility/required rules. */
  readonly expectedType?: ValueType;
  /** Longest accepted source in characters (default 2,000). */
  readonly maxLength?: number;
  /** Deepest accepted syntax tree (default 64). */
  readonly maxDepth?: number;
}
