import type { DefinitionKind } from './definition-shape';

/** A definition as stored: a JSON object (forms and dictionaries alike). */
export type StoredDefinition = Readonly<Record<string, unknown>>;

/** The editable draft of one definition. */
export interface DraftRecord {
  readonly key: string;
  readonly revision: number;
  readonly definition: StoredDefinition;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

/** One immutable published version. */
export interface VersionRecord {
  readonly key: string;
  readonly version: number;
  /** The definition with its `version` set to the assigned number. */
  readonly definition: StoredDefinition;
  /** Forms: parameter values of this version; `{}` for dictionaries. */
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  /** Forms: the dictionary versions it was checked against at publication; `{}` for dictionaries. */
  readonly dictionaryVersions: Readonly<Record<string, number>>;
  readonly publishedAt: Date;
  readonly publishedBy: string;
  readonly effectiveFrom: Date;
  readonly checksum: string;
}

/** What the registry needs to know about a version to pick the one in force. */
export interface VersionPointer {
  readonly key: string;
  readonly version: number;
  readonly effectiveFrom: Date;
  readonly publishedAt: Date;
  readonly publishedBy: string;
  readonly checksum: string;
}

/** The outcome of a conditional draft save. */
export type DraftSave =
  | { readonly saved: true; readonly revision: number }
  | { readonly saved: false; readonly currentRevision: number };

/**
 * Port of the registry's storage: drafts with optimistic revisions, immutable versions, and the
 * generation counter other instances poll. Every write is one conditional operation (or one
 * transaction), never read-then-write, so concurrent editors and instances cannot interleave.
 */
export abstract class DefinitionStore {
  /**
   * Saves a draft if its stored revision is `expectedRevision` (0: no draft yet); the new revision
   * is `expectedRevision + 1`. Otherwise reports the current revision (0 when none).
   */
  abstract saveDraft(
    kind: DefinitionKind,
    key: string,
    definition: StoredDefinition,
    expectedRevision: number,
    updatedBy: string,
  ): Promise<DraftSave>;

  abstract findDraft(kind: DefinitionKind, key: string): Promise<DraftRecord | null>;

  /**
   * Stores a new version and bumps the generation in one transaction. `false` when that
   * (key, version) already exists: someone else published it first.
   */
  abstract insertVersion(kind: DefinitionKind, record: VersionRecord): Promise<boolean>;

  abstract findVersion(
    kind: DefinitionKind,
    key: string,
    version: number,
  ): Promise<VersionRecord | null>;

  /** Highest version number of a key; 0 when it has none. */
  abstract latestVersion(kind: DefinitionKind, key: string): Promise<number>;

  /** Pointers to every version of one key, or of every key when `key` is omitted. */
  abstract listPointers(kind: DefinitionKind, key?: string): Promise<VersionPointer[]>;

  /** The publication counter; 0 before the first publication. */
  abstract generation(): Promise<number>;
}
