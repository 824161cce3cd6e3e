import type { LocalizedText } from '../expressions/expression-api';

export type { LocalizedText };

/** A JSON literal allowed in definitions (defaults, parameter values, derived case values). */
export type Literal = string | number | boolean | null;

/** One problem found in a definition at publish time, located by a JSON pointer. */
export interface DefinitionProblem {
  /** Stable machine code, e.g. `duplicate-key`, `unknown-field`, `cycle`, `unsafe-pattern`. */
  readonly code: string;
  readonly message: LocalizedText;
  /** JSON pointer (RFC 6901) into the definition document. */
  readonly pointer: string;
  /** 0-based offsets inside the expression string at `pointer`, when the problem is inside one. */
  readonly start?: number;
  readonly end?: number;
}
