import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject } from 'ajv';
import { indexDictionaries } from '../src/dictionaries/dictionary-index';
import { DEFAULT_GOLDEN_NOW } from '../src/golden/golden-runner';
import { compileForm } from '../src/model/compile-form';
import {
  JSON_SCHEMA_ANNOTATIONS,
  createSafeFormilyCompiler,
  toFormilySchema,
  toJsonSchema,
} from '../src/render';
import { namedPatternOf } from '../src/render/render-options';
import { planRules } from '../src/render/rule-states';
import type { Dictionary } from '../src/types/dictionary.types';
import type {
  FieldDefinition,
  FormDefinition,
  FormNode,
  GoldenCase,
} from '../src/types/form.types';
import { validate } from '../src/validate/validate';
import { loadAllDictionaries, loadAllForms } from './content-loader';

/** All content, through the shared loader; the guard below keeps its lists complete. */
const FORMS: FormDefinition[] = loadAllForms();
const DICTIONARIES: Dictionary[] = loadAllDictionaries();
const INDEX = indexDictionaries(DICTIONARIES);

/** Only the listing comes from the file system (typed here: this package's tests have no Node typings). */
const fs = jest.requireActual<{ readdirSync(dir: string): string[] }>('fs');
const jsonKeys = (dir: string): string[] =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();

type Node = { [key: string]: unknown };
type States = Record<'visible' | 'required' | 'readonly', Record<string, boolean>>;

/** Data nodes of a Formily schema by key (void containers and ArrayTable columns looked through). */
function dataNodes(properties: unknown, out = new Map<string, Node>()): Map<string, Node> {
  for (const [key, node] of Object.entries((properties ?? {}) as Record<string, Node>)) {
    if (node.type === 'void') dataNodes(node.properties, out);
    else out.set(key, node);
  }
  return out;
}

const reactionsOf = (node: Node): Node[] => (node['x-reactions'] as Node[] | undefined) ?? [];
const stateOf = (r: Node): Node =>
  ((r.fulfill as Node | undefined)?.state as Node | undefined) ?? {};

/**
 * What a Formily runtime would show for a golden case, computed only from the generated schema and
 * the safe compiler: value reactions first, then states; a field whose `visible` turns false loses
 * its value (Formily's display "none"), repeated until nothing more is dropped, as `validate` does.
 */
function formilyStates(form: FormDefinition, c: GoldenCase): States {
  const schema = toFormilySchema(form, { dictionaries: INDEX });
  const compile = createSafeFormilyCompiler(form, {
    now: () => new Date(c.now ?? DEFAULT_GOLDEN_NOW),
    ...(c.utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes: c.utcOffsetMinutes }),
  });
  const run = (template: unknown, scope: Node): unknown => {
    const inner = /^\{\{([\s\S]*)\}\}$/.exec(String(template));
    if (inner === null) throw new Error(`not a {{ }} expression: ${String(template)}`);
    return compile(inner[1]!, scope);
  };
  const state = (node: Node, name: 'visible' | 'required' | 'readOnly', scope: Node): boolean => {
    const reaction = reactionsOf(node).find((r) => stateOf(r)[name] !== undefined);
    if (reaction !== undefined) return run(stateOf(reaction)[name], scope) === true;
    if (name === 'visible') return node['x-visible'] !== false;
    return (name === 'required' ? node.required : node['x-read-only']) === true;
  };
  const settle = (nodes: Map<string, Node>, values: Node, scope: () => Node): void => {
    for (let round = 0; round <= nodes.size; round++) {
      for (const [key, node] of nodes)
        for (const r of reactionsOf(node).filter((x) => stateOf(x).value !== undefined))
          if (r.when === undefined || run(r.when, scope()) === true)
            values[key] = run(stateOf(r).value, scope());
      const hidden = [...nodes.keys()].filter(
        (k) => Object.hasOwn(values, k) && !state(nodes.get(k)!, 'visible', scope()),
      );
      for (const key of hidden) Reflect.deleteProperty(values, key);
      if (hidden.length === 0) return;
    }
  };
  const record = (out: States, path: string, node: Node, scope: Node): void => {
    out.visible[path] = state(node, 'visible', scope);
    out.required[path] = state(node, 'required', scope);
    out.readonly[path] = state(node, 'readOnly', scope);
  };

  const values = JSON.parse(JSON.stringify(c.input)) as Node;
  const top = dataNodes(schema.properties);
  const formScope = (): Node => ({ $values: values, params: c.parameters ?? {} });
  settle(top, values, formScope);
  const out: States = { visible: {}, required: {}, readonly: {} };
  for (const [key, node] of top) {
    record(out, `/${key}`, node, formScope());
    const rows = values[key];
    const items = node.items as Node | undefined;
    if (items === undefined || !out.visible[`/${key}`] || !Array.isArray(rows)) continue;
    if (!rows.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) continue;
    const children = dataNodes(items.properties);
    rows.forEach((row: Node, i) => {
      const rowScope = (): Node => ({ ...formScope(), $record: row });
      settle(children, row, rowScope);
      for (const [child, node] of children) record(out, `/${key}/${i}/${child}`, node, rowScope());
    });
  }
  return out;
}

const contextOf = (c: GoldenCase) => ({
  now: new Date(c.now ?? DEFAULT_GOLDEN_NOW),
  ...(c.utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes: c.utcOffsetMinutes }),
  ...(c.parameters === undefined ? {} : { parameters: c.parameters }),
  dictionaries: INDEX,
});

const CASES = FORMS.flatMap((form) =>
  (form.goldenCases ?? []).map((c) => [form.key, c.name, form, c] as const),
);

describe('render mappings: the content', () => {
  it('given the content folders, when listed, then every form and dictionary there is covered by this spec', () => {
    const root = (expect.getState().testPath ?? '').replace(/[\\/]test[\\/][^\\/]+$/, '');
    expect(jsonKeys(`${root}/content/forms`)).toEqual(FORMS.map((f) => f.key).sort());
    expect(jsonKeys(`${root}/content/dictionaries`)).toEqual(DICTIONARIES.map((d) => d.key).sort());
    expect(CASES.length).toBeGreaterThanOrEqual(16);
  });

  it.each(FORMS.map((f) => [f.key, f] as const))(
    'given %s, when mapped to Formily, then every rule-driven key reacts and every {{ }} is our language',
    (_key, form) => {
      const schema = toFormilySchema(form, { dictionaries: INDEX });
      const nodes = dataNodes(schema.properties);
      for (const items of [...nodes.values()].map((n) => (n.items as Node | undefined)?.properties))
        dataNodes(items, nodes);
      const driven = [...planRules(form).ruleDriven].filter((k) => k !== '');
      expect(driven.filter((k) => reactionsOf(nodes.get(k) ?? {}).length === 0)).toEqual([]);
      const compile = createSafeFormilyCompiler(form, { now: () => new Date(DEFAULT_GOLDEN_NOW) });
      const templates = JSON.stringify(schema).match(/"\{\{(?:[^"\\]|\\.)*\}\}"/g) ?? [];
      const sources = templates.map((q) => (JSON.parse(q) as string).slice(2, -2));
      expect(sources.length).toBeGreaterThanOrEqual(driven.length);
      for (const source of sources) expect(() => compile(source, { $values: {} })).not.toThrow();
      for (const [key, node] of nodes)
        for (const r of reactionsOf(node).filter((x) => stateOf(x).initialValue !== undefined))
          expect({
            key,
            faulted: compile(String(stateOf(r).initialValue).slice(2, -2)) === undefined,
          }).toEqual({ key, faulted: false });
    },
  );

  it.each(CASES)(
    'given %s / %s, when the Formily schema runs on the safe compiler, then its states agree with validate',
    (_form, _name, form, c) => {
      const result = validate(compileForm(form, INDEX), c.input, contextOf(c));
      expect(Object.keys(result.effects.visible).length).toBeGreaterThan(0);
      expect(formilyStates(form, c)).toEqual(result.effects);
    },
  );
});

/**
 * The validate codes JSON Schema can express, each with the keyword that carries it: required
 * (`required`, plus non-null type and minLength/minItems/minProperties 1 against empty answers),
 * wrong-type/not-integer (`type`), below-minimum/above-maximum/too-precise (`minimum`/`maximum`/
 * `multipleOf`), too-short/too-long (`minLength`/`maxLength`), pattern-mismatch (`pattern`, only
 * for named patterns; other safe patterns stay with our NFA), invalid-phone/invalid-file-id
 * (`pattern`), unknown-option/disabled-option/region-too-coarse (`oneOf` consts of the enabled,
 * deep-enough items; `propertyNames` for a yes/no matrix), duplicate-option (`uniqueItems`),
 * too-few/many-items/rows (`minItems`/`maxItems`), unknown-field (`additionalProperties: false`).
 * Excluded, as no static schema knows them: rule messages (code = rule id), option-not-allowed
 * (rule filters), exclusive-option, in-future (needs now), invalid-date/-datetime (calendar
 * validity; `format` is an annotation here), id-* (depend on the sibling ID type and the date),
 * expression-fault and invalid-parameter.
 */
const COMPARED = new Set([
  'required',
  'wrong-type',
  'not-integer',
  'below-minimum',
  'above-maximum',
  'too-precise',
  'too-short',
  'too-long',
  'pattern-mismatch',
  'invalid-phone',
  'invalid-file-id',
  'unknown-option',
  'disabled-option',
  'region-too-coarse',
  'duplicate-option',
  'too-few-items',
  'too-many-items',
  'too-few-rows',
  'too-many-rows',
  'unknown-field',
]);

/** Ajv as consumers should set it up for these schemas (see the README of src/render). */
function makeAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    validateFormats: false, // formats are widget hints; calendar validity is left to validate
    multipleOfPrecision: 9, // 37.3 / 0.1 is not an integer in binary floating point
  });
  ajv.addVocabulary([...JSON_SCHEMA_ANNOTATIONS]);
  return ajv;
}

function fieldsOf(nodes: readonly FormNode[]): FieldDefinition[] {
  return nodes.flatMap((n) =>
    n.kind === 'field' ? [n] : n.kind === 'repeat' ? [...n.children] : fieldsOf(n.children),
  );
}

/**
 * Top-level keys whose answer JSON Schema can judge alone: keys outside the form, and fields and
 * repeats that are always visible, whose requiredness no rule changes, that no rule assigns, and
 * (for repeats) whose rows no row rule shows, hides or requires.
 */
function comparableKeys(form: FormDefinition): (key: string) => boolean {
  const plan = planRules(form);
  const rowDriven = new Set(
    (form.rules ?? [])
      .filter(
        (r) =>
          r.scope !== undefined &&
          r.effects.some((e) => e.type === 'visible' || e.type === 'required'),
      )
      .map((r) => r.scope),
  );
  const data = new Map<string, { hidden?: boolean; required?: boolean }>();
  const visit = (nodes: readonly FormNode[]): void =>
    nodes.forEach((n) =>
      n.kind === 'field' || n.kind === 'repeat' ? data.set(n.key, n) : visit(n.children),
    );
  visit(form.items);
  return (key) => {
    const node = data.get(key);
    if (node === undefined) return true;
    const states = plan.statesOf(key, node);
    return (
      states.visible === true &&
      typeof states.required === 'boolean' &&
      !plan.ruleDriven.has(key) &&
      !rowDriven.has(key)
    );
  };
}

const unescape = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** The top-level key an Ajv error is about. */
function ajvKey(e: ErrorObject): string {
  const first = e.instancePath.split('/')[1];
  if (first !== undefined) return unescape(first);
  const params = e.params as { missingProperty?: string; additionalProperty?: string };
  return params.missingProperty ?? params.additionalProperty ?? '';
}

describe('render mappings: Ajv on the exported JSON Schema as an independent oracle', () => {
  const ajv = makeAjv();
  const validators = new Map(
    FORMS.map((f) => [f.key, ajv.compile(toJsonSchema(f, { dictionaries: INDEX }).schema)]),
  );

  it.each(CASES)(
    'given %s / %s, when checked by validate and by Ajv, then both refuse the same keys',
    (_form, _name, form, c) => {
      const comparable = comparableKeys(form);
      const fields = new Map(fieldsOf(form.items).map((f) => [f.key, f]));
      const counts = (path: string, code: string): boolean => {
        if (!COMPARED.has(code)) return false;
        if (code !== 'pattern-mismatch') return true;
        const field = fields.get(unescape(path.split('/').pop() ?? ''));
        return (
          field !== undefined && 'pattern' in field && namedPatternOf(field.pattern) !== undefined
        );
      };
      const result = validate(compileForm(form, INDEX), c.input, contextOf(c));
      const ours = result.errors
        .filter((e) => counts(e.path, e.code))
        .map((e) => unescape(e.path.split('/')[1] ?? ''));
      const check = validators.get(form.key)!;
      const theirs = check(c.input) ? [] : (check.errors ?? []).map(ajvKey);
      const refused = (keys: string[]) => [...new Set(keys.filter(comparable))].sort();
      expect({ refused: refused(theirs) }).toEqual({ refused: refused(ours) });
    },
  );
});
