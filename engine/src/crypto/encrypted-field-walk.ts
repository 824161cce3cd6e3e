import { appendPointer } from '../common/input';
import { isEncryptedField, type EncryptedField } from './field-protection';

/** One protected value found in a stored document. */
export interface FoundEncryptedField {
  /** RFC 6901 pointer inside the document, e.g. `/values/familyMembers/0/memberPhone`: the MAC's `field`. */
  readonly pointer: string;
  /** The same path as raw segments, to build a MongoDB dot path for an update. */
  readonly segments: readonly (string | number)[];
  readonly value: EncryptedField;
}

/** Driver documents are plain objects and arrays; ObjectIds, Dates and binaries are not walked. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Every value shaped exactly `{kid, iv, ct, mac}` anywhere in `document` (except `_id`), with
 * its JSON pointer. Found values are not descended into.
 */
export function findEncryptedFields(
  document: Readonly<Record<string, unknown>>,
): FoundEncryptedField[] {
  const found: FoundEncryptedField[] = [];
  const visit = (value: unknown, pointer: string, segments: (string | number)[]): void => {
    if (isEncryptedField(value)) {
      found.push({ pointer, segments, value });
    } else if (Array.isArray(value)) {
      value.forEach((item: unknown, index) =>
        visit(item, appendPointer(pointer, index), [...segments, index]),
      );
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        visit(item, appendPointer(pointer, key), [...segments, key]);
      }
    }
  };
  for (const [key, value] of Object.entries(document)) {
    if (key !== '_id') visit(value, appendPointer('', key), [key]);
  }
  return found;
}

/**
 * The MongoDB dot path of a location, or undefined when a segment cannot be written in one
 * (empty, containing `.`, or starting with `$`).
 */
export function dotPathOf(segments: readonly (string | number)[]): string | undefined {
  const parts = segments.map(String);
  return parts.every((part) => part !== '' && !part.includes('.') && !part.startsWith('$'))
    ? parts.join('.')
    : undefined;
}
