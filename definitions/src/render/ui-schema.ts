import type { FieldDefinition, FormNode, RepeatNode } from '../types/form.types';
import type { JsonSchemaNode } from './json-schema-fields';
import { localize } from './render-options';

/** Inline options up to this many render as radio buttons, more as a select. */
const FEW_OPTIONS = 5;

/** The @rjsf widget for a field type; undefined keeps @rjsf's default for the schema type. */
function widgetOf(field: FieldDefinition): string | undefined {
  switch (field.type) {
    case 'textarea':
      return 'textarea';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'yesNo':
      return 'radio';
    case 'choice':
      return field.options !== undefined && field.options.length <= FEW_OPTIONS
        ? 'radio'
        : 'select';
    case 'multiChoice':
      return 'checkboxes';
    case 'lookup':
    case 'region':
      return 'select';
    default:
      return undefined;
  }
}

/** Widget options @rjsf understands, plus our own (`unit`, `exclusive`) for custom widgets. */
function optionsOf(field: FieldDefinition): JsonSchemaNode | undefined {
  switch (field.type) {
    case 'phone':
      return { inputType: 'tel' };
    case 'number':
    case 'integer':
      return field.unit === undefined ? undefined : { unit: field.unit };
    case 'multiChoice':
      return field.exclusive === undefined ? undefined : { exclusive: field.exclusive };
    case 'file':
      return { accept: field.mimeTypes?.join(','), maxSizeBytes: field.maxSizeBytes };
    default:
      return undefined;
  }
}

/** The uiSchema entry of a field or repeat (a repeat's children go under `items`). */
export function uiForField(
  node: FieldDefinition | RepeatNode,
  locale: 'zh' | 'en',
): JsonSchemaNode {
  const ui: JsonSchemaNode = { 'ui:title': localize(node.title, locale) };
  if (node.hidden === true) ui['ui:widget'] = 'hidden';
  if (node.kind === 'repeat') {
    const items: JsonSchemaNode = { 'ui:order': node.children.map((c) => c.key) };
    for (const child of node.children) items[child.key] = uiForField(child, locale);
    ui.items = items;
    return ui;
  }
  const widget = widgetOf(node);
  if (widget !== undefined && node.hidden !== true) ui['ui:widget'] = widget;
  if (node.help !== undefined) ui['ui:help'] = localize(node.help, locale);
  if (node.readonly === true) ui['ui:readonly'] = true;
  const options = optionsOf(node);
  if (options !== undefined) ui['ui:options'] = options;
  return ui;
}

/** A section or group for a custom @rjsf ObjectFieldTemplate: title and member keys in order. */
export interface UiSection {
  readonly key: string;
  readonly kind: 'section' | 'group';
  readonly title: string;
  readonly children: readonly (string | UiSection)[];
}

/** The layout tree JSON Schema flattens away, kept for templates that draw cards per section. */
export function uiSections(
  nodes: readonly FormNode[],
  locale: 'zh' | 'en',
): (string | UiSection)[] {
  return nodes.map((n) =>
    n.kind === 'section' || n.kind === 'group'
      ? {
          key: n.key,
          kind: n.kind,
          title: localize(n.title, locale),
          children: uiSections(n.children, locale),
        }
      : n.key,
  );
}
