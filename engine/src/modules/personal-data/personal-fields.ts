import { Injectable } from '@nestjs/common';
import type { CompiledForm, FieldDefinition, PersonalKind } from '@sentinel/definitions';
import { maskPersonal, BlindIndex, FieldCipher, type EncryptedField } from '../../crypto';
import { appendPointer } from '../../common/input';
import { AuditLog } from '../audit';
import { openSealedValue, TAMPERED, type IntegrityNote } from './sealed-value';

export type { IntegrityNote } from './sealed-value';

/** How personal values leave the engine: masked by default, clear only with permission. */
export type Reveal = 'masked' | 'clear';

/** Where a record's encrypted values sit, for the MAC binding and for audit rows. */
export interface SealedLocation {
  readonly collection: string;
  readonly documentId: string;
  /** JSON pointer of the values object inside the stored document (`/values`, or '' for top level). */
  readonly pointer: string;
}

/** A record's values opened for an answer, with any integrity failures found on the way. */
export interface OpenedValues {
  readonly values: Record<string, unknown>;
  readonly integrity: readonly IntegrityNote[];
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * Personal fields at rest and in answers for records stored field by field (identity: patients,
 * staff, qualifications; ADR 0007). `IntegrityNote.path` is the value's pointer in the answer. Which fields are
 * personal is read from the form definition (`personal` tag), never listed in code, so a field
 * tagged in a new form version is protected without a deploy.
 */
@Injectable()
export class PersonalFields {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
    private readonly audit: AuditLog,
  ) {}

  /** Blind-index token of a value, for exact look-ups without decryption. */
  token(kind: PersonalKind, value: string): string {
    return this.blindIndex.token(kind, value);
  }

  seal(value: unknown, collection: string, documentId: string, field: string): EncryptedField {
    return this.cipher.encrypt(value, { collection, documentId, field });
  }

  /**
   * One stored value as an answer shows it: decrypted, then masked unless `reveal` is clear.
   * A value whose MAC fails becomes null with a note at `answerPath`; nothing else is returned.
   */
  open(
    stored: unknown,
    kind: PersonalKind,
    reveal: Reveal,
    location: { collection: string; documentId: string; field: string },
    answerPath: string,
    notes: IntegrityNote[],
  ): unknown {
    if (isEmpty(stored)) return stored;
    const opened = openSealedValue(this.cipher, stored, location);
    if (!opened.ok) {
      notes.push({ path: answerPath, code: TAMPERED });
      return null;
    }
    return reveal === 'clear' ? opened.value : maskPersonal(kind, opened.value);
  }

  /** Values validated by a form, with every personal field (also inside repeat rows) encrypted. */
  sealForm(
    compiled: CompiledForm,
    values: Readonly<Record<string, unknown>>,
    at: SealedLocation,
  ): Record<string, unknown> {
    return this.walkForm(compiled, values, at.pointer, (field, value, pointer) =>
      field.personal === undefined || isEmpty(value)
        ? value
        : this.seal(value, at.collection, at.documentId, pointer),
    );
  }

  /**
   * Stored form values opened for an answer. Tampered values are audited (`tamper-detected`)
   * and answered as null, named in `integrity`.
   */
  async openForm(
    compiled: CompiledForm,
    stored: Readonly<Record<string, unknown>>,
    at: SealedLocation,
    reveal: Reveal,
    actor: string,
  ): Promise<OpenedValues> {
    const notes: IntegrityNote[] = [];
    const values = this.walkForm(compiled, stored, at.pointer, (field, value, pointer) => {
      if (field.personal === undefined) return value;
      const answerPath = pointer.slice(at.pointer.length);
      const location = { collection: at.collection, documentId: at.documentId, field: pointer };
      return this.open(value, field.personal, reveal, location, answerPath, notes);
    });
    await this.reportTampering(notes, at.collection, at.documentId, actor);
    return { values, integrity: notes };
  }

  /** Appends one `tamper-detected` row naming the fields (never their values). */
  async reportTampering(
    notes: readonly IntegrityNote[],
    resource: string,
    resourceId: string,
    actor: string,
  ): Promise<void> {
    if (notes.length === 0) return;
    await this.audit.append({
      action: 'tamper-detected',
      actor,
      resource,
      resourceId,
      outcome: 'failure',
      details: { fields: notes.map((note) => note.path).join(',') },
    });
  }

  /**
   * Copies `values`, passing each field value (top level and in repeat rows) through `visit`
   * with its pointer in the stored document. Callers open a record with the form version it was
   * stored under, so every key is known; a key that is not (a corrupted record) is dropped rather
   * than answered unprotected.
   */
  private walkForm(
    compiled: CompiledForm,
    values: Readonly<Record<string, unknown>>,
    pointer: string,
    visit: (field: FieldDefinition, value: unknown, pointer: string) => unknown,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      const field = compiled.fieldByKey.get(key);
      if (field !== undefined) {
        out[key] = visit(field.field, value, appendPointer(pointer, key));
        continue;
      }
      const repeat = compiled.repeatByKey.get(key);
      if (repeat === undefined) continue;
      if (!Array.isArray(value)) {
        out[key] = value;
        continue;
      }
      out[key] = value.map((row: Record<string, unknown>, index) => {
        const rowPointer = appendPointer(appendPointer(pointer, key), index);
        const rowOut: Record<string, unknown> = {};
        for (const [childKey, childValue] of Object.entries(row)) {
          const child = repeat.childByKey.get(childKey);
          if (child === undefined) continue;
          rowOut[childKey] = visit(child.field, childValue, appendPointer(rowPointer, childKey));
        }
        return rowOut;
      });
    }
    return out;
  }
}
