import type { DictionaryIndex } from '../dictionaries/dictionary-index';
import { NAMED_PATTERNS } from '../patterns/named-patterns';
import type { FieldDefinition } from '../types/form.types';
import { messageFor } from '../validate/submission-error';
import type { CodedItem } from './render-options';
import {
  DEFAULT_MAX_LENGTH,
  MOBILE_PATTERN,
  codedItems,
  localize,
  namedPatternOf,
} from './render-options';

/** One Formily schema node, as plain JSON (Formily itself is not a dependency of this package). */
export type FormilyNode = { [key: string]: unknown };

/** Inline options up to this many render as radio buttons / checkboxes, more as a select. */
const FEW_OPTIONS = 5;

const YES_NO = { zh: ['是', '否'], en: ['Yes', 'No'] } as const;

function enumOf(items: readonly CodedItem[]): FormilyNode[] {
  return items.map((i) => ({
    label: i.label,
    value: i.code,
    ...(i.disabled ? { disabled: true } : {}),
    ...(i.parent === undefined ? {} : { parent: i.parent }),
  }));
}

/**
 * Formily validator rules for the static constraints of a field. Only vetted named patterns go to
 * `pattern` (Formily runs them with `RegExp`); any other safe pattern goes to `safePattern`, a rule
 * the runtime registers from `createSafeValidateRules` so it runs on our linear-time NFA.
 */
function validatorsOf(field: FieldDefinition, locale: 'zh' | 'en'): FormilyNode[] {
  const rules: FormilyNode[] = [];
  const say = (code: string, params?: Record<string, number>) =>
    localize(messageFor(code, params), locale);
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const max = field.maxLength ?? DEFAULT_MAX_LENGTH[field.type];
      rules.push({ maxLength: max, message: say('too-long', { max }) });
      if (field.minLength !== undefined)
        rules.push({
          minLength: field.minLength,
          message: say('too-short', { min: field.minLength }),
        });
      const named = namedPatternOf(field.pattern);
      if (named !== undefined)
        rules.push({ pattern: NAMED_PATTERNS[named]?.source, message: say('pattern-mismatch') });
      else if (field.pattern !== undefined)
        rules.push({ safePattern: field.pattern, message: say('pattern-mismatch') });
      break;
    }
    case 'number':
    case 'integer':
      if (field.min !== undefined)
        rules.push({ minimum: field.min, message: say('below-minimum', { min: field.min }) });
      if (field.max !== undefined)
        rules.push({ maximum: field.max, message: say('above-maximum', { max: field.max }) });
      break;
    case 'phone':
      rules.push({ pattern: MOBILE_PATTERN, message: say('invalid-phone') });
      break;
    case 'multiChoice':
      if (field.minItems !== undefined)
        rules.push({
          minItems: field.minItems,
          message: say('too-few-items', { min: field.minItems }),
        });
      if (field.maxItems !== undefined)
        rules.push({
          maxItems: field.maxItems,
          message: say('too-many-items', { max: field.maxItems }),
        });
      break;
    case 'lookup':
      if (field.multiple === true && field.maxItems !== undefined)
        rules.push({
          maxItems: field.maxItems,
          message: say('too-many-items', { max: field.maxItems }),
        });
      break;
    case 'file': {
      const max = field.maxCount ?? 9;
      rules.push({ maxItems: max, message: say('too-many-items', { max }) });
      break;
    }
    default:
      break;
  }
  return rules;
}

/**
 * The Formily type, component and component props of one field (antd-v5 component names; the
 * three composite answers use components the designer and runtime provide: `YesNoMatrix`,
 * `RegionPicker`, `AddressInput`, `FileUpload`).
 */
function componentOf(
  field: FieldDefinition,
  items: readonly CodedItem[] | undefined,
  locale: 'zh' | 'en',
): FormilyNode {
  const few =
    items !== undefined &&
    items.length <= FEW_OPTIONS &&
    'options' in field &&
    field.options !== undefined;
  const withEnum = items === undefined ? {} : { enum: enumOf(items) };
  switch (field.type) {
    case 'text':
      return { type: 'string', 'x-component': 'Input' };
    case 'textarea':
      return { type: 'string', 'x-component': 'Input.TextArea' };
    case 'phone':
      return {
        type: 'string',
        'x-component': 'Input',
        'x-component-props': { type: 'tel', maxLength: 11 },
      };
    case 'identityNumber':
      return { type: 'string', 'x-component': 'Input', 'x-component-props': { maxLength: 32 } };
    case 'number':
    case 'integer':
      return {
        type: 'number',
        'x-component': 'NumberPicker',
        'x-component-props': {
          precision: field.type === 'integer' ? 0 : field.precision,
          min: field.min,
          max: field.max,
          ...(field.unit === undefined ? {} : { addonAfter: field.unit }),
        },
      };
    case 'date':
      return {
        type: 'string',
        'x-component': 'DatePicker',
        'x-component-props': { format: 'YYYY-MM-DD' },
      };
    case 'datetime':
      return {
        type: 'string',
        'x-component': 'DatePicker',
        'x-component-props': { showTime: true },
      };
    case 'choice':
      return { type: 'string', 'x-component': few ? 'Radio.Group' : 'Select', ...withEnum };
    case 'multiChoice':
      return {
        type: 'array',
        'x-component': few ? 'Checkbox.Group' : 'Select',
        'x-component-props': { ...(few ? {} : { mode: 'multiple' }), exclusive: field.exclusive },
        ...withEnum,
      };
    case 'lookup':
      return {
        type: field.multiple === true ? 'array' : 'string',
        'x-component': 'Select',
        'x-component-props': {
          showSearch: true,
          optionFilterProp: 'label',
          ...(field.multiple === true ? { mode: 'multiple' } : {}),
        },
        ...withEnum,
      };
    case 'yesNo':
      return {
        type: 'boolean',
        'x-component': 'Radio.Group',
        enum: [
          { label: YES_NO[locale][0], value: true },
          { label: YES_NO[locale][1], value: false },
        ],
      };
    case 'yesNoMatrix':
      return {
        type: 'object',
        'x-component': 'YesNoMatrix',
        'x-component-props': {
          dictionary: field.dictionary,
          groups: field.groups,
          items: items && enumOf(items),
        },
      };
    case 'region':
      return {
        type: 'string',
        'x-component': 'RegionPicker',
        'x-component-props': { dictionary: field.dictionary, minDepth: field.minDepth ?? 1 },
      };
    case 'address':
      return {
        type: 'object',
        'x-component': 'AddressInput',
        'x-component-props': {
          dictionary: field.dictionary,
          minDepth: field.minDepth ?? 1,
          detailMaxLength: field.detailMaxLength ?? 200,
        },
      };
    case 'file':
      return {
        type: 'array',
        'x-component': 'FileUpload',
        'x-component-props': {
          maxCount: field.maxCount ?? 9,
          accept: field.mimeTypes?.join(','),
          maxSizeBytes: field.maxSizeBytes,
        },
      };
  }
}

/** The static part of a field's Formily schema: type, component, options, title, validators. */
export function formilyField(
  field: FieldDefinition,
  index: DictionaryIndex | undefined,
  locale: 'zh' | 'en',
): FormilyNode {
  const items =
    field.type === 'yesNoMatrix'
      ? matrixItems(field, index, locale)
      : codedItems(field, index, locale);
  const validators = validatorsOf(field, locale);
  const node: FormilyNode = {
    title: localize(field.title, locale),
    'x-decorator': 'FormItem',
    ...componentOf(field, items, locale),
  };
  if (field.help !== undefined) node.description = localize(field.help, locale);
  if (validators.length > 0) node['x-validator'] = validators;
  if (field.default !== undefined) node.default = field.default;
  return prune(node);
}

/** The items a yes/no matrix asks about: non-group items under the shown groups. */
export function matrixItems(
  field: FieldDefinition & { type: 'yesNoMatrix' },
  index: DictionaryIndex | undefined,
  locale: 'zh' | 'en',
): readonly CodedItem[] | undefined {
  const dictionary = index?.get(field.dictionary);
  if (index === undefined) return undefined;
  if (dictionary === undefined) return [];
  return codedItems({ ...field, type: 'choice' } as FieldDefinition, index, locale)?.filter(
    (i) =>
      i.parent !== undefined &&
      (field.groups === undefined || field.groups.some((g) => dictionary.isUnder(i.code, g))),
  );
}

/** Drops `undefined` members so the schema is plain JSON. */
export function prune(node: FormilyNode): FormilyNode {
  for (const key of Object.keys(node)) {
    const v = node[key];
    if (v === undefined) Reflect.deleteProperty(node, key);
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) prune(v as FormilyNode);
  }
  return node;
}
