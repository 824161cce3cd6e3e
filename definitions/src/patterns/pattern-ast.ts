/** Syntax tree of a vetted pattern (a small, linear-time regular-expression subset). */

/** A set of code points: inclusive ranges, possibly negated. */
export interface CharSet {
  readonly ranges: readonly (readonly [number, number])[];
  readonly negated: boolean;
}

/** A pattern node; `start`/`end` are offsets into the pattern source for diagnostics. */
export type PatternNode =
  | { readonly kind: 'char'; readonly set: CharSet; readonly start: number; readonly end: number }
  | { readonly kind: 'empty'; readonly start: number; readonly end: number }
  | {
      readonly kind: 'assert';
      readonly at: 'start' | 'end';
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'sequence';
      readonly items: readonly PatternNode[];
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'alternation';
      readonly options: readonly PatternNode[];
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'repeat';
      readonly item: PatternNode;
      readonly min: number;
      /** `Infinity` for `*` and `+`. */
      readonly max: number;
      readonly start: number;
      readonly end: number;
    };

/** Whether a code point is in a set. */
export function inSet(set: CharSet, code: number): boolean {
  let found = false;
  for (const [from, to] of set.ranges) {
    if (code >= from && code <= to) {
      found = true;
      break;
    }
  }
  return found !== set.negated;
}
