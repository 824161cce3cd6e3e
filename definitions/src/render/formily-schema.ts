import type { DictionaryIndex } from '../dictionaries/dictionary-index';
import type { FieldDefinition, FormDefinition, FormNode, RepeatNode } from '../types/form.types';
import { messageFor } from '../validate/submission-error';
import type { FormExpressions } from './form-expressions';
import { formExpressions } from './form-expressions';
import type { FormilyNode } from './formily-fields';
import { formilyField, prune } from './formily-fields';
import type { RenderOptions } from './render-options';
import { dictionaryIndexOf, localize } from './render-options';
import type { RulePlan, StaticStates } from './rule-states';
import { planRules } from './rule-states';

/** Options of `toFormilySchema`. */
export interface FormilySchemaOptions extends RenderOptions {
  /** How a repeat renders: a table (default) or stacked cards for narrow phone screens. */
  readonly repeatComponent?: 'ArrayTable' | 'ArrayItems';
}

/** Everything the tree walk needs, built once per call. */
interface Build {
  readonly locale: 'zh' | 'en';
  readonly index: DictionaryIndex | undefined;
  readonly plan: RulePlan;
  readonly expressions: FormExpressions;
  readonly repeatComponent: 'ArrayTable' | 'ArrayItems';
}

const braces = (source: string): string => `{{${source}}}`;

/**
 * Static states as schema properties and rule-driven ones as one `x-reactions` entry. A state is
 * a single folded expression (static value, then every rule in order, later rules winning), so a
 * reaction re-run by one dependency can never undo what another rule decided.
 */
function linkage(key: string, node: StaticStates, b: Build): FormilyNode {
  const states = b.plan.statesOf(key, node);
  const out: FormilyNode = {};
  const state: Record<string, string> = {};
  const sources: string[] = [];
  const put = (name: string, value: boolean | string, staticKey: string, whenConstant: boolean) => {
    if (typeof value === 'string') {
      state[name] = braces(value);
      sources.push(value);
    } else if (value === whenConstant) out[staticKey] = value;
  };
  put('visible', states.visible, 'x-visible', false);
  put('required', states.required, 'required', true);
  put('readOnly', states.readonly, 'x-read-only', true);
  const reactions: FormilyNode[] = [];
  if (sources.length > 0)
    reactions.push({ dependencies: dependenciesOf(sources, b), fulfill: { state } });
  for (const a of b.plan.assignments.get(key) ?? []) {
    reactions.push({
      dependencies: dependenciesOf(a.when === undefined ? [a.value] : [a.when, a.value], b),
      ...(a.when === undefined ? {} : { when: braces(a.when) }),
      fulfill: { state: { value: braces(a.value) } },
    });
  }
  if (reactions.length > 0) out['x-reactions'] = reactions;
  return out;
}

function dependenciesOf(sources: readonly string[], b: Build): string[] {
  return [...new Set(sources.flatMap((s) => b.expressions.fieldsRead(s)))];
}

function fieldNode(field: FieldDefinition, b: Build): FormilyNode {
  const node = { ...formilyField(field, b.index, b.locale), ...linkage(field.key, field, b) };
  if (field.defaultExpression !== undefined) {
    // `initialValue` fills an empty field and follows what it reads until the user types, which a
    // one-shot `default` cannot do for `bindPhoneNumber`-style defaults.
    const reactions = (node['x-reactions'] as FormilyNode[] | undefined) ?? [];
    node['x-reactions'] = [
      ...reactions,
      {
        dependencies: dependenciesOf([field.defaultExpression], b),
        fulfill: { state: { initialValue: braces(field.defaultExpression) } },
      },
    ];
  }
  const filter = b.plan.optionFilters.get(field.key);
  if (filter !== undefined) {
    // Evaluated per option by the select with `option` in scope; not a `{{ }}`, as Formily must not
    // evaluate it once for the whole field.
    const props = (node['x-component-props'] as FormilyNode | undefined) ?? {};
    node['x-component-props'] = { ...props, optionFilter: filter };
  }
  return node;
}

function repeatNode(repeat: RepeatNode, b: Build): FormilyNode {
  const table = b.repeatComponent === 'ArrayTable';
  const say = (code: string, n: number) => localize(messageFor(code, { min: n, max: n }), b.locale);
  const validators: FormilyNode[] = [];
  if (repeat.minRows !== undefined)
    validators.push({ minItems: repeat.minRows, message: say('too-few-rows', repeat.minRows) });
  const maxRows = repeat.maxRows ?? 1000;
  validators.push({ maxItems: maxRows, message: say('too-many-rows', maxRows) });
  const row: Record<string, FormilyNode> = {};
  repeat.children.forEach((child, i) => {
    const field = fieldNode(child, b);
    row[table ? `__column__${child.key}` : child.key] = table
      ? {
          type: 'void',
          'x-index': i,
          'x-component': 'ArrayTable.Column',
          'x-component-props': { title: localize(child.title, b.locale) },
          properties: { [child.key]: field },
        }
      : { ...field, 'x-index': i };
  });
  const removeLabel = b.locale === 'zh' ? '操作' : 'Actions';
  const remove = { type: 'void', 'x-component': `${b.repeatComponent}.Remove` };
  row.__remove__ = table
    ? {
        type: 'void',
        'x-index': repeat.children.length,
        'x-component': 'ArrayTable.Column',
        'x-component-props': { title: removeLabel, dataIndex: 'operations' },
        properties: { remove },
      }
    : { ...remove, 'x-index': repeat.children.length };
  return {
    type: 'array',
    title: localize(repeat.title, b.locale),
    'x-decorator': 'FormItem',
    'x-component': b.repeatComponent,
    'x-validator': validators,
    ...linkage(repeat.key, repeat, b),
    items: {
      type: 'object',
      ...(table ? {} : { 'x-decorator': 'ArrayItems.Item' }),
      properties: row,
    },
    properties: {
      __addition__: {
        type: 'void',
        title: b.locale === 'zh' ? '添加一行' : 'Add a row',
        'x-component': `${b.repeatComponent}.Addition`,
      },
    },
  };
}

function properties(nodes: readonly FormNode[], b: Build): Record<string, FormilyNode> {
  const out: Record<string, FormilyNode> = {};
  nodes.forEach((node, i) => {
    let schema: FormilyNode;
    if (node.kind === 'field') schema = fieldNode(node, b);
    else if (node.kind === 'repeat') schema = repeatNode(node, b);
    else if (node.kind === 'section')
      schema = {
        type: 'void',
        'x-component': 'Card',
        'x-component-props': { title: localize(node.title, b.locale) },
        properties: properties(node.children, b),
      };
    else
      schema = {
        type: 'void',
        title: localize(node.title, b.locale),
        'x-decorator': 'FormItem',
        'x-component': 'FormLayout',
        properties: properties(node.children, b),
      };
    out[node.key] = { ...schema, 'x-index': i };
  });
  return out;
}

/**
 * A Formily JSON schema for a form: sections and groups as void containers, repeats as
 * `ArrayTable`/`ArrayItems`, static constraints as `x-validator`, and rule effects as `x-reactions`
 * whose `{{ }}` hold expressions of the form language for `createSafeFormilyCompiler`.
 */
export function toFormilySchema(
  form: FormDefinition,
  options: FormilySchemaOptions = {},
): FormilyNode {
  const locale = options.locale ?? 'zh';
  const b: Build = {
    locale,
    index: dictionaryIndexOf(options),
    plan: planRules(form),
    expressions: formExpressions(form),
    repeatComponent: options.repeatComponent ?? 'ArrayTable',
  };
  return prune({
    type: 'object',
    title: localize(form.title, locale),
    description: form.description === undefined ? undefined : localize(form.description, locale),
    properties: properties(form.items, b),
  });
}
