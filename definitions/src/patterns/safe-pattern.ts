import { parsePattern, type PatternDiagnostic } from './pattern-parser';
import { MAX_STATES, TooManyStates, buildNfa, runNfa } from './thompson-nfa';

/** A vetted pattern, matched in linear time; never handed to `RegExp`. */
export interface SafePattern {
  readonly source: string;
  /** Whether the pattern matches anywhere in `input` (anchor with `^…$` for a whole value). */
  test(input: string): boolean;
}

/** Result of compiling a pattern. */
export type PatternCompileResult =
  | { readonly ok: true; readonly pattern: SafePattern }
  | { readonly ok: false; readonly diagnostics: readonly PatternDiagnostic[] };

/**
 * Compiles a pattern in the vetted subset: literals, escapes (`\d \w \s`, their negations and
 * escaped metacharacters, `\uXXXX`), classes `[a-z]` `[^…]`, `.`, groups `( )` `(?: )`,
 * alternation `|`, quantifiers `? * + {m} {m,n}` (n ≤ 100), anchors `^ $`. Refused: back-references,
 * lookaround, lazy quantifiers, flags, `{m,}`, nested unbounded quantifiers such as `(a+)+`.
 */
export function compilePattern(source: string): PatternCompileResult {
  const parsed = parsePattern(source);
  if ('code' in parsed) return { ok: false, diagnostics: [parsed] };
  try {
    const nfa = buildNfa(parsed);
    return { ok: true, pattern: { source, test: (input) => runNfa(nfa, input) } };
  } catch (e) {
    if (!(e instanceof TooManyStates)) throw e;
    return {
      ok: false,
      diagnostics: [
        {
          code: 'unsafe-pattern',
          message: {
            zh: `模式展开后过大（超过 ${MAX_STATES} 个状态），请减少重复次数`,
            en: `pattern expands too far (over ${MAX_STATES} states); reduce the repetition counts`,
          },
          start: 0,
          end: source.length,
        },
      ],
    };
  }
}
