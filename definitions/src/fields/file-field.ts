import type { FileField } from '../types/form.types';
import type { FieldChecker } from './field-checker';

/**
 * File ids are issued by the engine's upload API (which checks size, MIME type and magic bytes
 * when the bytes arrive); here only their shape and count, as the validator never sees bytes.
 */
const FILE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** File/image upload: a list of distinct file ids, at most `maxCount` (default 9). */
export function fileChecker(field: FileField): FieldChecker {
  const max = field.maxCount ?? 9;
  return (value, path, _ctx, report) => {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      report(path, 'wrong-type');
      return false;
    }
    value.forEach((id: string, i) => {
      if (!FILE_ID.test(id)) report(`${path}/${i}`, 'invalid-file-id');
      else if (value.indexOf(id) !== i) report(`${path}/${i}`, 'duplicate-option');
    });
    if (value.length > max) report(path, 'too-many-items', { max });
    return true;
  };
}
