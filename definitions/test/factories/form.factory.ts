import type {
  FieldDefinition,
  FormDefinition,
  RuleDefinition,
  DerivedDefinition,
} from '../../src/types/form.types';

/** A bilingual title for test nodes. */
export const t = (zh: string) => ({ zh, en: zh });

/** A field with a title; the rest as given. */
export function field(
  key: string,
  type: FieldDefinition['type'],
  extra: Record<string, unknown> = {},
): FieldDefinition {
  return { kind: 'field', key, type, title: t(key), ...extra } as FieldDefinition;
}

/** A small form around the given fields, rules and derived values. */
export function buildForm(
  fields: FieldDefinition[],
  rules: RuleDefinition[] = [],
  derived: DerivedDefinition[] = [],
  extra: Partial<FormDefinition> = {},
): FormDefinition {
  return {
    kind: 'form',
    key: 'test-form',
    version: 1,
    title: t('测试'),
    parameters: [{ key: 'threshold', type: 'number', unit: '°C', title: t('阈值'), default: 37.3 }],
    items: [{ kind: 'section', key: 'main', title: t('主'), children: fields }],
    rules,
    derived,
    ...extra,
  };
}
