import type { DictionaryIndex } from '../dictionaries/dictionary-index';
import type { FieldDefinition } from '../types/form.types';
import { matrixItems } from './formily-fields';
import type { CodedItem } from './render-options';
import {
  DEFAULT_MAX_LENGTH,
  FILE_ID_PATTERN,
  MOBILE_PATTERN,
  codedItems,
  localize,
  namedPatternOf,
} from './render-options';
import { NAMED_PATTERNS } from '../patterns/named-patterns';

/** A JSON Schema (2020-12) node as plain JSON. */
export type JsonSchemaNode = { [key: string]: unknown };

/** How one field is mapped: locale, dictionaries, and whether an answer is statically required. */
export interface FieldSchemaContext {
  readonly locale: 'zh' | 'en';
  readonly index: DictionaryIndex | undefined;
  /** Required and always visible: no null, no empty string/list/object. */
  readonly required: boolean;
}

const YES_NO = { zh: ['是', '否'], en: ['Yes', 'No'] } as const;
const NO_ANSWER = { zh: '（未填写）', en: '(no answer)' } as const;

/** `type`, nullable unless required: validate accepts null for any unanswered optional field. */
function typed(type: string, c: FieldSchemaContext): string | string[] {
  return c.required ? type : [type, 'null'];
}

/** Labelled codes as `oneOf` consts (what @rjsf renders as a labelled select). */
function consts(
  items: readonly CodedItem[],
  c: FieldSchemaContext,
  nullable: boolean,
): JsonSchemaNode[] {
  const list: JsonSchemaNode[] = items
    .filter((i) => !i.disabled) // validate refuses disabled items in new submissions
    .map((i) => ({ const: i.code, title: i.label }));
  if (nullable && !c.required) list.push({ const: null, title: NO_ANSWER[c.locale] });
  return list;
}

function codedScalar(
  items: readonly CodedItem[] | undefined,
  c: FieldSchemaContext,
): JsonSchemaNode {
  const base: JsonSchemaNode = { type: typed('string', c) };
  return items === undefined ? base : { ...base, oneOf: consts(items, c, true) };
}

function codedList(
  items: readonly CodedItem[] | undefined,
  c: FieldSchemaContext,
  limits: { min?: number; max?: number },
): JsonSchemaNode {
  const min = c.required ? Math.max(1, limits.min ?? 0) : limits.min;
  return {
    type: typed('array', c),
    items:
      items === undefined ? { type: 'string' } : { type: 'string', oneOf: consts(items, c, false) },
    uniqueItems: true,
    ...(min === undefined || min === 0 ? {} : { minItems: min }),
    ...(limits.max === undefined ? {} : { maxItems: limits.max }),
  };
}

/** Region codes deep enough (`minDepth`) and enabled; the same as `region-too-coarse` + enum. */
function regionItems(
  dictionary: string,
  minDepth: number,
  c: FieldSchemaContext,
): readonly CodedItem[] | undefined {
  const indexed = c.index?.get(dictionary);
  const items = codedItems(
    { kind: 'field', key: '', title: { zh: '', en: '' }, type: 'choice', dictionary },
    c.index,
    c.locale,
  );
  return items?.filter((i) => indexed !== undefined && indexed.depth(i.code) >= minDepth);
}

/** The JSON Schema of one field's value: every constraint `validate` checks that JSON Schema can say. */
export function fieldJsonSchema(field: FieldDefinition, c: FieldSchemaContext): JsonSchemaNode {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const min = c.required ? Math.max(1, field.minLength ?? 0) : field.minLength;
      const named = namedPatternOf(field.pattern);
      return {
        type: typed('string', c),
        maxLength: field.maxLength ?? DEFAULT_MAX_LENGTH[field.type],
        ...(min === undefined || min === 0 ? {} : { minLength: min }),
        ...(named === undefined ? {} : { pattern: NAMED_PATTERNS[named]?.source }),
      };
    }
    case 'number':
    case 'integer':
      return {
        type: typed(field.type, c),
        ...(field.min === undefined ? {} : { minimum: field.min }),
        ...(field.max === undefined ? {} : { maximum: field.max }),
        // Validators must compare with a tolerance (Ajv: multipleOfPrecision), as 37.3 / 0.1 is inexact.
        ...(field.type === 'number' && field.precision !== undefined
          ? { multipleOf: 10 ** -field.precision }
          : {}),
      };
    case 'date':
    case 'datetime':
      return { type: typed('string', c), format: field.type === 'date' ? 'date' : 'date-time' };
    case 'phone':
      return { type: typed('string', c), pattern: MOBILE_PATTERN };
    case 'identityNumber':
      return { type: typed('string', c), ...(c.required ? { minLength: 1 } : {}) };
    case 'choice':
      return codedScalar(codedItems(field, c.index, c.locale), c);
    case 'lookup':
      return field.multiple === true
        ? codedList(codedItems(field, c.index, c.locale), c, { max: field.maxItems })
        : codedScalar(codedItems(field, c.index, c.locale), c);
    case 'multiChoice':
      return codedList(codedItems(field, c.index, c.locale), c, {
        min: field.minItems,
        max: field.maxItems,
      });
    case 'yesNo':
      return {
        type: typed('boolean', c),
        oneOf: [
          { const: true, title: YES_NO[c.locale][0] },
          { const: false, title: YES_NO[c.locale][1] },
          ...(c.required ? [] : [{ const: null, title: NO_ANSWER[c.locale] }]),
        ],
      };
    case 'yesNoMatrix': {
      const items = matrixItems(field, c.index, c.locale);
      const base = { type: typed('object', c), ...(c.required ? { minProperties: 1 } : {}) };
      if (items === undefined) return { ...base, additionalProperties: { type: 'boolean' } };
      const properties: Record<string, JsonSchemaNode> = {};
      // A disabled item may still be answered "no"; only a new "yes" is refused.
      for (const i of items)
        properties[i.code] = i.disabled
          ? { type: 'boolean', const: false, title: i.label }
          : { type: 'boolean', title: i.label };
      return { ...base, properties, propertyNames: { enum: items.map((i) => i.code) } };
    }
    case 'region': {
      const items = regionItems(field.dictionary, field.minDepth ?? 1, c);
      return codedScalar(items, c);
    }
    case 'address': {
      const items = regionItems(field.dictionary, field.minDepth ?? 1, c);
      return {
        type: typed('object', c),
        properties: {
          region: codedScalar(items, { ...c, required: true }),
          detail: { type: ['string', 'null'], maxLength: field.detailMaxLength ?? 200 },
        },
        required: ['region'],
        additionalProperties: false,
      };
    }
    case 'file':
      return {
        type: typed('array', c),
        items: { type: 'string', pattern: FILE_ID_PATTERN },
        uniqueItems: true,
        maxItems: field.maxCount ?? 9,
        ...(c.required ? { minItems: 1 } : {}),
      };
  }
}

/** The localized title and help of a field or repeat. */
export function describe(
  node: { readonly title: { zh: string; en: string }; readonly help?: { zh: string; en: string } },
  locale: 'zh' | 'en',
): JsonSchemaNode {
  return {
    title: localize(node.title, locale),
    ...(node.help === undefined ? {} : { description: localize(node.help, locale) }),
  };
}
