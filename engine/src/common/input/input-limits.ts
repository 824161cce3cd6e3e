/** Largest JSON body accepted (SECURITY.md 10): a report with attachments by reference stays far below. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Deepest nesting of objects/arrays accepted; forms nest sections and tables a handful of levels. */
export const MAX_BODY_DEPTH = 32;
/** Most keys and array items counted over the whole body; bounds the work a request can cause. */
export const MAX_BODY_FIELDS = 500;
/** Field budget of a definition draft (PUT /api/admin/{forms,dictionaries}/:key/draft). */
export const MAX_DEFINITION_BODY_FIELDS = 20_000;
/** Keys that can reach Object.prototype through merges and spreads (SECURITY.md 6). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);
