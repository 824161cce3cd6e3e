import type { DictionaryIndex } from '../dictionaries/dictionary-index';
import { indexDictionaries } from '../dictionaries/dictionary-index';
import { NAMED_PATTERNS } from '../patterns/named-patterns';
import type { LocalizedText } from '../types/common.types';
import type { Dictionary } from '../types/dictionary.types';
import type { FieldDefinition } from '../types/form.types';

/** Knobs shared by the renderer mappings. */
export interface RenderOptions {
  /** Language of titles, labels and help texts; default `zh`. */
  readonly locale?: 'zh' | 'en';
  /** Dictionaries whose items become options; without them dictionary fields get no enum. */
  readonly dictionaries?: DictionaryIndex | readonly Dictionary[];
}

/** One allowed code of a coded field, with its label and whether new answers may pick it. */
export interface CodedItem {
  readonly code: string;
  readonly label: string;
  readonly parent?: string;
  readonly disabled: boolean;
}

/** The text in the chosen locale (zh when absent, as every definition carries zh). */
export function localize(text: LocalizedText | undefined, locale: 'zh' | 'en' = 'zh'): string {
  return text === undefined ? '' : text[locale] || text.zh;
}

/** The dictionaries as an index, indexing a plain list once per call site. */
export function dictionaryIndexOf(options: RenderOptions): DictionaryIndex | undefined {
  const given = options.dictionaries;
  if (given === undefined) return undefined;
  return Array.isArray(given)
    ? indexDictionaries(given as readonly Dictionary[])
    : (given as DictionaryIndex);
}

/**
 * The codes a coded field accepts, mirroring `codeCheckFor`: inline options, or dictionary items
 * strictly below `dictionaryRoot` (all items without one). Undefined when the dictionary is not
 * at hand, so callers emit no enum rather than a wrong one.
 */
export function codedItems(
  field: FieldDefinition,
  index: DictionaryIndex | undefined,
  locale: 'zh' | 'en',
): readonly CodedItem[] | undefined {
  if ('options' in field && field.options !== undefined) {
    return field.options.map((o) => ({
      code: o.code,
      label: localize(o.label, locale),
      ...(o.parent === undefined ? {} : { parent: o.parent }),
      disabled: false,
    }));
  }
  if (!('dictionary' in field) || field.dictionary === undefined || index === undefined)
    return undefined;
  const dictionary = index.get(field.dictionary);
  if (dictionary === undefined) return [];
  const root = 'dictionaryRoot' in field ? field.dictionaryRoot : undefined;
  return dictionary.dictionary.items
    .filter(
      (item) => root === undefined || (item.code !== root && dictionary.isUnder(item.code, root)),
    )
    .map((item) => ({
      code: item.code,
      label: localize(item.label, locale),
      ...(item.parent === undefined ? {} : { parent: item.parent }),
      disabled: item.enabled === false,
    }));
}

/**
 * The name of the vetted named pattern a text field uses, if its source is exactly one of them.
 * Only those are handed to other engines' regular expressions: their sources are small, standard
 * ECMAScript and cannot backtrack badly; any other safe pattern stays with our own NFA.
 */
export function namedPatternOf(source: string | undefined): string | undefined {
  if (source === undefined) return undefined;
  return Object.keys(NAMED_PATTERNS).find((name) => NAMED_PATTERNS[name]?.source === source);
}

/** The phone field's format, the same regular expression the phone checker uses. */
export const MOBILE_PATTERN = NAMED_PATTERNS['mobile-cn']?.source ?? '^1[3-9]\\d{9}$';

/** File ids as the upload API issues them (see fields/file-field.ts). */
export const FILE_ID_PATTERN = '^[A-Za-z0-9_-]{8,64}$';

/** Default length limits of text fields (see fields/text-fields.ts). */
export const DEFAULT_MAX_LENGTH = { text: 200, textarea: 2000 } as const;
