import type { Dictionary, DictionaryItem } from '../types/dictionary.types';

/** A dictionary with look-ups precomputed once (codes, depth in the hierarchy). */
export interface IndexedDictionary {
  readonly dictionary: Dictionary;
  item(code: string): DictionaryItem | undefined;
  /** 1 for a root item, 2 for its children, …; 0 for an unknown code. */
  depth(code: string): number;
  /** True when `code` is `ancestor` or lies below it. */
  isUnder(code: string, ancestor: string): boolean;
}

/** Dictionaries by key, indexed for validation. */
export interface DictionaryIndex {
  get(key: string): IndexedDictionary | undefined;
  keys(): readonly string[];
}

/** Hierarchies deeper than this are refused as a cycle in `parent` links. */
const MAX_DEPTH = 16;

function indexOne(dictionary: Dictionary): IndexedDictionary {
  const byCode = new Map<string, DictionaryItem>();
  for (const item of dictionary.items) byCode.set(item.code, item);
  const depths = new Map<string, number>();
  const depth = (code: string): number => {
    const known = depths.get(code);
    if (known !== undefined) return known;
    let d = 0;
    let current = byCode.get(code);
    while (current !== undefined && d < MAX_DEPTH) {
      d++;
      current = current.parent === undefined ? undefined : byCode.get(current.parent);
    }
    depths.set(code, d);
    return d;
  };
  const isUnder = (code: string, ancestor: string): boolean => {
    let current = byCode.get(code);
    for (let i = 0; current !== undefined && i < MAX_DEPTH; i++) {
      if (current.code === ancestor) return true;
      current = current.parent === undefined ? undefined : byCode.get(current.parent);
    }
    return false;
  };
  return { dictionary, item: (code) => byCode.get(code), depth, isUnder };
}

/** Indexes a list of dictionaries; the last one wins when a key repeats (callers pass one version each). */
export function indexDictionaries(dictionaries: readonly Dictionary[]): DictionaryIndex {
  const map = new Map<string, IndexedDictionary>();
  for (const dictionary of dictionaries) map.set(dictionary.key, indexOne(dictionary));
  return { get: (key) => map.get(key), keys: () => [...map.keys()] };
}

/** An index with no dictionaries, for forms that use none. */
export const EMPTY_DICTIONARY_INDEX: DictionaryIndex = indexDictionaries([]);
