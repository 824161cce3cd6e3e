/**
 * The field of a unique index a write collided with, or null when the error is something else.
 * MongoDB reports it in `keyPattern`/`keyValue`; some servers only in the message text.
 */
export function duplicateKeyField(error: unknown, candidates: readonly string[]): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { code?: unknown; keyPattern?: object; keyValue?: object; message?: unknown };
  if (e.code !== 11000) return null;
  const keys = Object.keys(e.keyPattern ?? e.keyValue ?? {});
  const named = candidates.find((field) => keys.includes(field));
  if (named !== undefined) return named;
  // Index names are `<field>_1…`; the duplicate value is printed as `{ <field>: … }`.
  const message = typeof e.message === 'string' ? e.message : '';
  return candidates.find((field) => new RegExp(`\\b${field}(?:_-?1|:)`).test(message)) ?? null;
}
