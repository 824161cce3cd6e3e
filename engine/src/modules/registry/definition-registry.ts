import type { CompiledForm, Dictionary, FormDefinition } from '@sentinel/definitions';

/** One immutable published version of a form, compiled and ready to validate. */
export interface PublishedForm {
  readonly key: string;
  readonly version: number;
  readonly definition: FormDefinition;
  readonly compiled: CompiledForm;
  /** Parameter values of this version (the definition's defaults as published). */
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  readonly publishedAt: Date;
  readonly effectiveFrom: Date;
  readonly publishedBy: string;
  /**
   * Versions of the dictionaries `compiled` was built with (key → version): the ones in force when
   * it was compiled, so a submission can record exactly which code lists checked it.
   */
  readonly dictionaryVersions: Readonly<Record<string, number>>;
  /** SM3 hex of the definition's canonical JSON without its `version` (see definitionChecksum). */
  readonly checksum: string;
}

/** One immutable published version of a dictionary. */
export interface PublishedDictionary {
  readonly key: string;
  readonly version: number;
  readonly dictionary: Dictionary;
  readonly publishedAt: Date;
  readonly effectiveFrom: Date;
  readonly publishedBy: string;
  /** SM3 hex of the dictionary's canonical JSON without its `version`. */
  readonly checksum: string;
}

/**
 * Published definitions as every engine instance sees them. Implementations cache compiled
 * forms and notice a publication by any instance within one second, without a restart.
 */
export abstract class DefinitionRegistry {
  /** The version in force now (latest whose effectiveFrom has passed); null if none. */
  abstract currentForm(key: string, now?: Date): Promise<PublishedForm | null>;
  /** A given version, in force or not (reports pinned to an older version validate on it). */
  abstract formVersion(key: string, version: number): Promise<PublishedForm | null>;
  abstract currentDictionary(key: string, now?: Date): Promise<PublishedDictionary | null>;
}
