/** Safe patterns: a vetted regular-expression subset matched by a linear-time NFA. */
export { compilePattern, type PatternCompileResult, type SafePattern } from './safe-pattern';
export { MAX_PATTERN_LENGTH, MAX_REPEAT, type PatternDiagnostic } from './pattern-parser';
export { MAX_STATES } from './thompson-nfa';
export { NAMED_PATTERNS, namedPattern, type NamedPatternDefinition } from './named-patterns';
