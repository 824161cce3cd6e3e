import {
  isEncryptedField,
  TamperedFieldError,
  type FieldCipher,
  type FieldLocation,
} from '../../crypto';

/**
 * The one code every answer gives a personal value that failed its integrity check (it is then
 * answered as null). `tampered` is what the reports API has always answered and its tests assert.
 */
export const TAMPERED = 'tampered';

/** A stored value that failed its integrity check: answered as null and named here. */
export interface IntegrityNote {
  /** JSON pointer of the value (in the stored document or the answer, as the feature says). */
  readonly path: string;
  readonly code: typeof TAMPERED;
}

/** A stored personal value opened: its clear value, or why it could not be trusted. */
export type OpenedValue =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: TamperedFieldError['reason'] };

/**
 * Decrypts one stored personal value bound to `location`. Anything not shaped exactly like a
 * ciphertext (`isEncryptedField`, the one check) is `malformed`: a clear value written past the
 * engine is withheld, never shown. Failures other than integrity ones propagate.
 */
export function openSealedValue(
  cipher: FieldCipher,
  stored: unknown,
  location: FieldLocation,
): OpenedValue {
  if (!isEncryptedField(stored)) return { ok: false, reason: 'malformed' };
  try {
    return { ok: true, value: cipher.decrypt(stored, location) };
  } catch (error) {
    if (!(error instanceof TamperedFieldError)) throw error;
    return { ok: false, reason: error.reason };
  }
}
