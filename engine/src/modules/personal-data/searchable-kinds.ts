import type { PersonalKind } from '@sentinel/definitions';

/** Kinds a returning patient is found by, through their blind-index tokens. */
export const SEARCHABLE_KINDS = ['idNumber', 'phone', 'name'] as const;
export type SearchableKind = (typeof SEARCHABLE_KINDS)[number];

export function isSearchableKind(kind: PersonalKind): kind is SearchableKind {
  return (SEARCHABLE_KINDS as readonly string[]).includes(kind);
}

/** Blind-index tokens of a record's searchable personal values, per kind. */
export type BlindTokens = Readonly<Record<SearchableKind, readonly string[]>>;

/** A field tagged `personal`, at the top level or inside a repeat (then `repeat` is its key). */
export interface PersonalField {
  readonly key: string;
  readonly kind: PersonalKind;
  readonly repeat: string | null;
}
