import { registerValidateRules } from '@formily/core';
import { Schema } from '@formily/json-schema';
import type { SafeFormilyCompiler } from '@sentinel/definitions';
import { createSafeValidateRules } from '@sentinel/definitions';

/** The scope entry through which each rendered form hands Formily its own safe compiler. */
export const FORM_COMPILER_SCOPE_KEY = '$sentinelCompiler';

let registered = false;

/**
 * Replaces Formily's `new Function` compiler, once for the page, by one that hands each `{{ }}`
 * to the safe compiler of the form it belongs to (found in the SchemaField's scope). So any number
 * of forms can be rendered side by side, and nothing is ever evaluated as JavaScript: the page
 * runs under a CSP without 'unsafe-eval'.
 */
export function registerSafeCompilerOnce(): void {
  if (registered) return;
  registered = true;
  Schema.registerCompiler((expression: string, scope: unknown) => {
    const compiler = (scope as Record<string, unknown> | undefined)?.[FORM_COMPILER_SCOPE_KEY];
    if (typeof compiler !== 'function') {
      throw new Error(`no form compiler in scope for {{${expression}}}`);
    }
    return (compiler as SafeFormilyCompiler)(expression, scope as Record<string, unknown>);
  });
  registerValidateRules(
    createSafeValidateRules() as unknown as Parameters<typeof registerValidateRules>[0],
  );
}
