import { appendPointer } from '../../common/input';
import type { FileFieldValue } from '../files';
import type { FormAnatomy } from './form-anatomy';

/**
 * The first key (as a JSON pointer under `prefix`) that MongoDB could read as an operator or a
 * path (`$…`, `a.b`, NUL), or null. Validated values never hold one, but drafts are stored
 * unvalidated, so every body is checked before anything reaches the store.
 */
export function findUnsafeKey(value: unknown, prefix: string): string | null {
  const trail = unsafeTrail(value);
  return trail === null ? null : trail.reduce<string>(appendPointer, prefix);
}

/** The segments down to the first unsafe key; the pointer is only spelled out when one is found. */
function unsafeTrail(value: unknown): (string | number)[] | null {
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafeTrail(value[i]);
      if (found !== null) return [i, ...found];
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (key.startsWith('$') || key.includes('.') || key.includes('\u0000')) return [key];
    const found = unsafeTrail((value as Record<string, unknown>)[key]);
    if (found !== null) return [key, ...found];
  }
  return null;
}

const fileIdsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];

/** File ids in the values, per field, with the request path each sits at (for error paths). */
export function collectFileValues(
  values: Readonly<Record<string, unknown>>,
  anatomy: FormAnatomy,
): FileFieldValue[] {
  const found: FileFieldValue[] = [];
  for (const site of anatomy.files) {
    if (site.repeat === null) {
      const fileIds = fileIdsOf(values[site.key]);
      if (fileIds.length > 0) {
        found.push({ path: appendPointer('/values', site.key), field: site.field, fileIds });
      }
      continue;
    }
    const rows = values[site.repeat];
    if (!Array.isArray(rows)) continue;
    const repeatPath = appendPointer('/values', site.repeat);
    rows.forEach((row: unknown, index) => {
      if (typeof row !== 'object' || row === null) return;
      const fileIds = fileIdsOf((row as Record<string, unknown>)[site.key]);
      if (fileIds.length > 0) {
        const path = appendPointer(appendPointer(repeatPath, index), site.key);
        found.push({ path, field: site.field, fileIds });
      }
    });
  }
  return found;
}
