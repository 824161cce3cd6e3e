import type { PersonalKind } from '@sentinel/definitions';

/** A personal value at rest: SM4-CBC ciphertext with its IV and an HMAC-SM3 tag, all base64. */
export interface EncryptedField {
  /** Key id; keys are versioned so old records stay readable after rotation. */
  readonly kid: string;
  readonly iv: string;
  readonly ct: string;
  readonly mac: string;
}

/** Where a value lives: bound into the MAC so a ciphertext copied elsewhere is refused. */
export interface FieldLocation {
  readonly collection: string;
  readonly documentId: string;
  /**
   * JSON pointer of the encrypted value inside the stored document, e.g. `/values/idNumber`.
   * The same convention lets one re-encryption job walk any collection after a key rotation.
   */
  readonly field: string;
}

/** Thrown when a MAC does not verify or the key id is unknown; never returns garbage. */
export class TamperedFieldError extends Error {
  constructor(
    readonly location: FieldLocation,
    readonly reason: 'mac-mismatch' | 'unknown-key' | 'malformed',
  ) {
    super(
      `personal field ${location.collection}/${location.documentId}${location.field}: ${reason}`,
    );
    this.name = 'TamperedFieldError';
  }
}

/**
 * Encrypts personal fields: SM4-CBC with a random IV, then HMAC-SM3 over
 * (kid, collection, documentId, field, iv, ct). Values are JSON-serialised first so any
 * field value (string, object such as an address) round-trips.
 */
export abstract class FieldCipher {
  /** Key id new encryptions use. */
  abstract readonly activeKeyId: string;
  abstract encrypt(value: unknown, location: FieldLocation): EncryptedField;
  /** @throws TamperedFieldError */
  abstract decrypt(encrypted: EncryptedField, location: FieldLocation): unknown;
  /** True when the value was written with an older key (re-encryption candidates). */
  abstract isStale(encrypted: EncryptedField): boolean;
}

/**
 * Blind index for look-ups without decryption: HMAC-SM3 with its own key over the normalised
 * value (ID numbers upper-cased with spaces removed, phones reduced to their 11 digits, names
 * trimmed), hex. Equal inputs give equal tokens; nothing else is learnt.
 */
export abstract class BlindIndex {
  abstract token(kind: PersonalKind, value: string): string;
}

/** A value shown in an answer: masked per kind unless the caller may and asked to unmask. */
export type MaskFunction = (kind: PersonalKind, value: unknown) => unknown;

const ENCRYPTED_FIELD_KEYS = ['ct', 'iv', 'kid', 'mac'];

/**
 * True for a value shaped exactly `{kid, iv, ct, mac}` with string members and nothing else:
 * how the re-encryption job and readers recognise a protected value anywhere in a document.
 */
export function isEncryptedField(value: unknown): value is EncryptedField {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return (
    keys.length === ENCRYPTED_FIELD_KEYS.length &&
    keys.every((key, i) => key === ENCRYPTED_FIELD_KEYS[i] && typeof record[key] === 'string')
  );
}
