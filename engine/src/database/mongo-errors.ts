/**
 * What MongoDB errors mean to us, decided in one place. Every store used to compare `code` with
 * 11000 by itself, and two of them parsed the colliding field differently.
 */

/** MongoDB's code for a write that collided with a unique index (E11000). */
export const DUPLICATE_KEY_CODE = 11000;

interface ServerErrorShape {
  readonly code?: unknown;
  readonly keyPattern?: object;
  readonly keyValue?: object;
  readonly message?: unknown;
  readonly writeErrors?: readonly { readonly code?: unknown }[];
}

function shapeOf(error: unknown): ServerErrorShape | null {
  return typeof error === 'object' && error !== null ? (error as ServerErrorShape) : null;
}

/**
 * True when the write failed only because of unique indexes. A bulk write (`insertMany` with
 * `ordered: false`) counts only when every one of its failures is a duplicate, so a real failure
 * hidden among expected duplicates is never swallowed.
 * With `on`, the collision must be on that field (see {@link duplicateKeyField}).
 */
export function isDuplicateKeyError(
  error: unknown,
  options: { readonly on?: string } = {},
): boolean {
  const e = shapeOf(error);
  if (e === null) return false;
  if (options.on !== undefined) return duplicateKeyField(error, [options.on]) === options.on;
  if (Array.isArray(e.writeErrors) && e.writeErrors.length > 0) {
    return e.writeErrors.every((failure) => failure.code === DUPLICATE_KEY_CODE);
  }
  return e.code === DUPLICATE_KEY_CODE;
}

/**
 * The first of `candidates` whose unique index the write collided with, or null when the error is
 * something else. MongoDB names the index's fields in `keyPattern` / `keyValue`; some servers only
 * in the message text (`index: <field>_1 dup key: { <field>: … }`).
 */
export function duplicateKeyField(error: unknown, candidates: readonly string[]): string | null {
  const e = shapeOf(error);
  if (e === null || e.code !== DUPLICATE_KEY_CODE) return null;
  const keys = Object.keys(e.keyPattern ?? e.keyValue ?? {});
  const named = candidates.find((field) => keys.includes(field));
  if (named !== undefined) return named;
  const message = typeof e.message === 'string' ? e.message : '';
  return candidates.find((field) => namedInMessage(field, message)) ?? null;
}

function namedInMessage(field: string, message: string): boolean {
  const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b${escaped}(?:_-?1|:)`).test(message);
}
