import type { Locale, LocalizedText } from '../i18n/messages';
import { pick } from '../i18n/messages';

/** A dictionary item as pickers need it. */
export interface DictionaryOption {
  readonly code: string;
  readonly label: string;
  readonly parent?: string;
}

/** One node of an antd Cascader. */
export interface CascaderNode {
  readonly value: string;
  readonly label: string;
  readonly children?: CascaderNode[];
}

interface RawItem {
  readonly code?: unknown;
  readonly label?: unknown;
  readonly parent?: unknown;
}

/** The items of a dictionary definition, labelled in the chosen language. */
export function dictionaryOptions(
  dictionary: Record<string, unknown>,
  locale: Locale,
): DictionaryOption[] {
  const items = Array.isArray(dictionary['items']) ? (dictionary['items'] as RawItem[]) : [];
  return items.flatMap((item) =>
    typeof item.code === 'string'
      ? [
          {
            code: item.code,
            label:
              typeof item.label === 'object' && item.label !== null
                ? pick(item.label as LocalizedText, locale)
                : item.code,
            ...(typeof item.parent === 'string' ? { parent: item.parent } : {}),
          },
        ]
      : [],
  );
}

/** The items as a tree for a cascader: roots are items whose parent is not in the dictionary. */
export function cascaderOptions(items: readonly DictionaryOption[]): CascaderNode[] {
  const codes = new Set(items.map((i) => i.code));
  const children = new Map<string, DictionaryOption[]>();
  for (const item of items) {
    const parent = item.parent !== undefined && codes.has(item.parent) ? item.parent : '';
    children.set(parent, [...(children.get(parent) ?? []), item]);
  }
  const build = (parent: string, depth: number): CascaderNode[] =>
    (children.get(parent) ?? []).map((item) => {
      const below = depth < 10 ? build(item.code, depth + 1) : [];
      return below.length > 0
        ? { value: item.code, label: item.label, children: below }
        : { value: item.code, label: item.label };
    });
  return build('', 0);
}
