import type { SafePattern } from '../patterns/safe-pattern';
import { compilePattern } from '../patterns/safe-pattern';

/** The rule object Formily hands a custom validator: ours carries the pattern source. */
export interface SafePatternRule {
  readonly safePattern?: string;
  readonly message?: string;
}

/** Custom Formily validate rules, keyed by the rule property that triggers them. */
export interface SafeValidateRules {
  safePattern(value: unknown, rule: SafePatternRule): string;
}

/**
 * Custom Formily validate rules (`registerValidateRules(createSafeValidateRules())`): a form's own
 * pattern runs on our linear-time NFA, never on `RegExp`, so a designer cannot make a phone hang.
 * An empty value passes (requiredness is a separate rule); returns the message when refused.
 */
export function createSafeValidateRules(): SafeValidateRules {
  const compiled = new Map<string, SafePattern | null>();
  return {
    safePattern(value, rule) {
      if (typeof value !== 'string' || value === '' || rule.safePattern === undefined) return '';
      let pattern = compiled.get(rule.safePattern);
      if (pattern === undefined) {
        const result = compilePattern(rule.safePattern);
        pattern = result.ok ? result.pattern : null;
        compiled.set(rule.safePattern, pattern);
      }
      return pattern === null || pattern.test(value) ? '' : (rule.message ?? 'pattern-mismatch');
    },
  };
}
