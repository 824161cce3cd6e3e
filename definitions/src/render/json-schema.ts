import type { FieldDefinition, FormDefinition, FormNode, RepeatNode } from '../types/form.types';
import type { FieldSchemaContext, JsonSchemaNode } from './json-schema-fields';
import { describe, fieldJsonSchema } from './json-schema-fields';
import type { RenderOptions } from './render-options';
import { dictionaryIndexOf, localize } from './render-options';
import type { RulePlan } from './rule-states';
import { planRules } from './rule-states';
import { uiForField, uiSections } from './ui-schema';

/** The dialect every exported schema declares. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * Annotation keywords the exported schema carries beside standard JSON Schema; a strict validator
 * must be told about them (Ajv: `ajv.addVocabulary(JSON_SCHEMA_ANNOTATIONS)`).
 */
export const JSON_SCHEMA_ANNOTATIONS: readonly string[] = Object.freeze([
  'x-form',
  'x-field',
  'x-rules',
  'x-derived',
  'x-parameters',
]);

/** A form as JSON Schema plus an @rjsf uiSchema. */
export interface JsonSchemaExport {
  readonly schema: JsonSchemaNode;
  readonly uiSchema: JsonSchemaNode;
}

/**
 * Whether a node's answer is required no matter what the rules say: statically required and no
 * rule can hide it, un-require it or assign it (such fields are left to `x-rules`).
 */
function alwaysRequired(
  key: string,
  node: { hidden?: boolean; required?: boolean },
  plan: RulePlan,
): boolean {
  return plan.statesOf(key, node).required === true && !plan.assignments.has(key);
}

/** What JSON Schema cannot say about a field: its type, and checks left to `validate`. */
function fieldAnnotation(field: FieldDefinition, plan: RulePlan): JsonSchemaNode {
  const {
    kind: _kind,
    key,
    title: _title,
    help: _help,
    ...rest
  } = field as FieldDefinition & { options?: unknown };
  const { options: _options, ...definition } = rest as typeof rest & { options?: unknown };
  return {
    ...definition,
    ...(plan.ruleDriven.has(key) ? { ruleDriven: true } : {}),
    ...(plan.messages.has(key) ? { messages: plan.messages.get(key) } : {}),
    ...(plan.optionFilters.has(key) ? { optionFilter: plan.optionFilters.get(key) } : {}),
  };
}

function fieldSchema(
  field: FieldDefinition,
  c: Omit<FieldSchemaContext, 'required'>,
  plan: RulePlan,
): JsonSchemaNode {
  const required = alwaysRequired(field.key, field, plan);
  return {
    ...describe(field, c.locale),
    ...fieldJsonSchema(field, { ...c, required }),
    ...(field.readonly === true ? { readOnly: true } : {}),
    ...(field.default === undefined ? {} : { default: field.default }),
    'x-field': fieldAnnotation(field, plan),
  };
}

function repeatSchema(
  repeat: RepeatNode,
  c: Omit<FieldSchemaContext, 'required'>,
  plan: RulePlan,
): JsonSchemaNode {
  const required = alwaysRequired(repeat.key, repeat, plan);
  const properties: Record<string, JsonSchemaNode> = {};
  for (const child of repeat.children) properties[child.key] = fieldSchema(child, c, plan);
  const requiredChildren = repeat.children
    .filter((f) => alwaysRequired(f.key, f, plan))
    .map((f) => f.key);
  const minRows = required ? Math.max(1, repeat.minRows ?? 1) : repeat.minRows;
  return {
    ...describe(repeat, c.locale),
    type: required ? 'array' : ['array', 'null'],
    items: {
      type: 'object',
      properties,
      ...(requiredChildren.length > 0 ? { required: requiredChildren } : {}),
      additionalProperties: false,
    },
    ...(minRows === undefined ? {} : { minItems: minRows }),
    maxItems: repeat.maxRows ?? 1000,
    'x-field': { type: 'repeat', ...(plan.ruleDriven.has(repeat.key) ? { ruleDriven: true } : {}) },
  };
}

/** Data nodes in document order, sections flattened (a submission is flat). */
function dataNodes(nodes: readonly FormNode[]): (FieldDefinition | RepeatNode)[] {
  return nodes.flatMap((n): (FieldDefinition | RepeatNode)[] =>
    n.kind === 'field' || n.kind === 'repeat' ? [n] : dataNodes(n.children),
  );
}

/**
 * A form as JSON Schema 2020-12 (types, static required, labelled enums, ranges, lengths, named
 * patterns, list limits, no extra properties) with the rules as an `x-rules` annotation, and a
 * uiSchema for @rjsf (`ui:order`, widgets, titles, help, sections in `ui:options`).
 */
export function toJsonSchema(form: FormDefinition, options: RenderOptions = {}): JsonSchemaExport {
  const locale = options.locale ?? 'zh';
  const c = { locale, index: dictionaryIndexOf(options) };
  const plan = planRules(form);
  const nodes = dataNodes(form.items);
  const properties: Record<string, JsonSchemaNode> = {};
  const uiSchema: JsonSchemaNode = {
    'ui:order': [...nodes.map((n) => n.key), '*'],
    'ui:title': localize(form.title, locale),
    'ui:options': { sections: uiSections(form.items, locale) },
  };
  for (const node of nodes) {
    properties[node.key] =
      node.kind === 'repeat' ? repeatSchema(node, c, plan) : fieldSchema(node, c, plan);
    uiSchema[node.key] = uiForField(node, locale);
  }
  const required = nodes.filter((n) => alwaysRequired(n.key, n, plan)).map((n) => n.key);
  const schema: JsonSchemaNode = {
    $schema: JSON_SCHEMA_DIALECT,
    title: localize(form.title, locale),
    ...(form.description === undefined ? {} : { description: localize(form.description, locale) }),
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
    'x-form': { key: form.key, version: form.version },
    ...(form.parameters === undefined ? {} : { 'x-parameters': form.parameters }),
    ...(form.rules === undefined ? {} : { 'x-rules': form.rules }),
    ...(form.derived === undefined ? {} : { 'x-derived': form.derived }),
  };
  return { schema, uiSchema };
}
