import { Injectable } from '@nestjs/common';
import type { PersonalKind } from '@sentinel/definitions';
import { appendPointer } from '../../common/input';
import { BlindIndex, FieldCipher, type FieldLocation, type TamperedFieldError } from '../../crypto';
import { openSealedValue, TAMPERED, type IntegrityNote } from './sealed-value';
import {
  isSearchableKind,
  type BlindTokens,
  type PersonalField,
  type SearchableKind,
} from './searchable-kinds';

/** What of a form this needs: its personal fields (a submissions `FormAnatomy` is one). */
export interface PersonalAnatomy {
  readonly personal: readonly PersonalField[];
}

/** The collection every submission ciphertext is bound to. */
export const SUBMISSIONS_COLLECTION = 'submissions';

/** A personal value that could not be decrypted; it is answered as null. */
export interface IntegrityIssue extends IntegrityNote {
  /** `path` is the JSON pointer into the stored document, e.g. `/values/idNumber`. */
  readonly reason: TamperedFieldError['reason'];
}

/** Values as stored: personal ones encrypted, with the blind-index tokens they yield. */
export interface ProtectedValues {
  readonly values: Record<string, unknown>;
  readonly blind: BlindTokens;
}

/** Decrypted (and masked unless asked otherwise) values, with what failed to decrypt. */
export interface RevealedValues {
  readonly values: Record<string, unknown>;
  readonly integrity: readonly IntegrityIssue[];
}

/** How personal values are shown: masked per kind, or in clear (only after a permission check). */
export type Presentation =
  { readonly mask: (kind: PersonalKind, value: unknown) => unknown } | 'clear';

interface Site {
  readonly container: Record<string, unknown>;
  readonly key: string;
  readonly kind: PersonalKind;
  readonly path: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every place a personal value sits in `values` (a copy whose containers may be rewritten):
 * top-level fields at `/values/<key>`, repeat children at `/values/<repeat>/<row>/<key>`.
 * Absent and null values hold nothing personal and are skipped.
 */
function personalSites(
  values: Record<string, unknown>,
  anatomy: PersonalAnatomy,
  only?: ReadonlySet<string>,
): Site[] {
  const sites: Site[] = [];
  for (const field of anatomy.personal) {
    if (field.repeat === null) {
      if (only !== undefined && !only.has(field.key)) continue;
      if (values[field.key] === undefined || values[field.key] === null) continue;
      sites.push({
        container: values,
        key: field.key,
        kind: field.kind,
        path: appendPointer('/values', field.key),
      });
      continue;
    }
    const repeat = field.repeat;
    if (only !== undefined && !only.has(repeat)) continue;
    const rows = values[repeat];
    if (!Array.isArray(rows)) continue;
    rows.forEach((row: unknown, index) => {
      if (!isRecord(row) || row[field.key] === undefined || row[field.key] === null) return;
      sites.push({
        container: row,
        key: field.key,
        kind: field.kind,
        path: appendPointer(appendPointer(appendPointer('/values', repeat), index), field.key),
      });
    });
  }
  return sites;
}

/** Copies values deeply enough that personal sites can be replaced without touching the input. */
function copyForRewrite(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...values };
  for (const key of Object.keys(copy)) {
    const value = copy[key];
    if (Array.isArray(value))
      copy[key] = value.map((row: unknown) => (isRecord(row) ? { ...row } : row));
  }
  return copy;
}

/**
 * Encryption, blind indexing, decryption and masking of a report's personal values (located by
 * the form's anatomy, bound to the `submissions` collection).
 */
@Injectable()
export class PersonalValues {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
  ) {}

  /** Encrypts every personal value bound to its location and collects the blind-index tokens. */
  protect(
    values: Readonly<Record<string, unknown>>,
    anatomy: PersonalAnatomy,
    documentId: string,
  ): ProtectedValues {
    const stored = copyForRewrite(values);
    const blind: Record<SearchableKind, Set<string>> = {
      idNumber: new Set(),
      phone: new Set(),
      name: new Set(),
    };
    for (const site of personalSites(stored, anatomy)) {
      const plain = site.container[site.key];
      if (isSearchableKind(site.kind) && typeof plain === 'string' && plain.trim() !== '') {
        blind[site.kind].add(this.blindIndex.token(site.kind, plain));
      }
      site.container[site.key] = this.cipher.encrypt(plain, this.location(documentId, site.path));
    }
    return {
      values: stored,
      blind: { idNumber: [...blind.idNumber], phone: [...blind.phone], name: [...blind.name] },
    };
  }

  /**
   * Decrypts the personal values (all, or only the top-level keys in `only`) and presents them.
   * A value that fails to decrypt becomes null and is listed in `integrity`: never garbage.
   */
  reveal(
    stored: Readonly<Record<string, unknown>>,
    anatomy: PersonalAnatomy,
    documentId: string,
    presentation: Presentation,
    only?: ReadonlySet<string>,
  ): RevealedValues {
    const values = copyForRewrite(stored);
    const integrity: IntegrityIssue[] = [];
    for (const site of personalSites(values, anatomy, only)) {
      const opened = openSealedValue(
        this.cipher,
        site.container[site.key],
        this.location(documentId, site.path),
      );
      if (!opened.ok) {
        integrity.push({ path: site.path, code: TAMPERED, reason: opened.reason });
        site.container[site.key] = null;
        continue;
      }
      site.container[site.key] =
        presentation === 'clear' ? opened.value : presentation.mask(site.kind, opened.value);
    }
    return { values, integrity };
  }

  /** Blind-index token of a search term for one kind, or null if the term cannot be one. */
  searchToken(kind: SearchableKind, term: string): string | null {
    try {
      return this.blindIndex.token(kind, term);
    } catch {
      return null; // e.g. a name given where a phone number is normalised
    }
  }

  private location(documentId: string, field: string): FieldLocation {
    return { collection: SUBMISSIONS_COLLECTION, documentId, field };
  }
}
