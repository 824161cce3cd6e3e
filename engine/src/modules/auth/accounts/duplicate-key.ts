/**
 * Which unique field a write collided with (MongoDB error 11000), or null for any other error.
 * The field is named in `keyPattern` / `keyValue`, or only in the message on some servers.
 */
export function duplicateKeyOf(error: unknown, fields: readonly string[]): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { code?: unknown; keyPattern?: object; keyValue?: object; message?: unknown };
  if (e.code !== 11000) return null;
  const keys = Object.keys(e.keyPattern ?? e.keyValue ?? {});
  const message = typeof e.message === 'string' ? e.message : '';
  return (
    fields.find((field) => keys.includes(field)) ??
    fields.find((field) => message.includes(field)) ??
    null
  );
}
