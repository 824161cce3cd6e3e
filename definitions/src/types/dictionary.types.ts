import type { LocalizedText, Literal } from './common.types';

/** One entry of a dictionary; `parent` builds hierarchies such as province → city → district. */
export interface DictionaryItem {
  readonly code: string;
  readonly label: LocalizedText;
  readonly parent?: string;
  /** Disabled items stay readable in old submissions but are refused in new ones. */
  readonly enabled?: boolean;
  /** Free extra attributes (e.g. a clinic's district, a drug's form); literals only. */
  readonly attributes?: Readonly<Record<string, Literal>>;
}

/** A versioned list of coded items maintained as data (regions, symptoms, fever clinics, drugs). */
export interface Dictionary {
  readonly kind: 'dictionary';
  readonly key: string;
  readonly version: number;
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  readonly items: readonly DictionaryItem[];
}
