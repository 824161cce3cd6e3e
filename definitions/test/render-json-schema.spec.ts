import Ajv2020 from 'ajv/dist/2020';
import { compileForm } from '../src/model/compile-form';
import { JSON_SCHEMA_ANNOTATIONS, toJsonSchema } from '../src/render';
import type { FormDefinition } from '../src/types/form.types';
import { validate } from '../src/validate/validate';
import { loadDictionaries, loadPatientVisitReport } from './content-loader';
import { buildForm, field, t } from './factories/form.factory';

const NOW = { now: new Date('2024-05-01T04:00:00Z') };
const opt = (code: string) => ({ code, label: t(`选项${code}`) });

/** Ajv as the README of src/render tells consumers to set it up. */
function makeAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    validateFormats: false,
    multipleOfPrecision: 9,
  });
  ajv.addVocabulary([...JSON_SCHEMA_ANNOTATIONS]);
  return ajv;
}

/** A small form: a required bounded number, an optional choice, a multi choice, a rule-required text. */
function sampleForm(): FormDefinition {
  return buildForm(
    [
      field('temp', 'number', { required: true, unit: '°C', min: 30, max: 45, precision: 1 }),
      field('age', 'integer', { min: 0, max: 150 }),
      field('sex', 'choice', { options: [opt('1'), opt('2')] }),
      field('kinds', 'multiChoice', {
        options: [opt('a'), opt('b'), opt('c')],
        maxItems: 2,
        exclusive: ['c'],
      }),
      field('note', 'textarea', { help: t('说明') }),
      field('code', 'text', { pattern: '^\\d{6}$' }),
    ],
    [
      {
        id: 'fever',
        when: 'temp >= params.threshold',
        effects: [{ type: 'required', target: 'note' }],
      },
    ],
  );
}

describe('toJsonSchema: Ajv and validate on focused cases', () => {
  const form = sampleForm();
  const { schema, uiSchema } = toJsonSchema(form);
  const check = makeAjv().compile(schema);
  const compiled = compileForm(form);
  const both = (input: Record<string, unknown>) => ({
    ajv: check(input),
    ajvKeywords: (check.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`).sort(),
    ours: validate(compiled, input, NOW).errors.map((e) => `${e.path} ${e.code}`),
  });

  it('given a valid answer with optional fields null, when checked, then both accept it', () => {
    expect(
      both({ temp: 37.3, age: null, sex: null, kinds: ['a', 'b'], note: 'x', code: '510000' }),
    ).toEqual({ ajv: true, ajvKeywords: [], ours: [] });
  });

  it('given a number out of range, when checked, then both refuse it', () => {
    expect(both({ temp: 46, note: 'x' })).toEqual({
      ajv: false,
      ajvKeywords: ['/temp maximum'],
      ours: ['/temp above-maximum'],
    });
  });

  it('given more decimals than the precision, when checked, then multipleOf and too-precise agree', () => {
    expect(both({ temp: 37.25 })).toMatchObject({ ajv: false, ours: ['/temp too-precise'] });
    expect(both({ temp: 37.3 }).ajv).toBe(true); // needs multipleOfPrecision: 37.3 / 0.1 is inexact
  });

  it('given a wrong type, when checked, then both refuse it without coercion', () => {
    expect(both({ temp: '37.5' })).toMatchObject({ ajv: false, ours: ['/temp wrong-type'] });
    expect(both({ temp: 37, age: 1.5 })).toMatchObject({
      ajv: false,
      ajvKeywords: ['/age type'],
      ours: ['/age not-integer'],
    });
  });

  it('given an unknown option, when checked, then both refuse it', () => {
    expect(both({ temp: 37, sex: '9' })).toMatchObject({
      ajv: false,
      ours: ['/sex unknown-option'],
    });
    expect(both({ temp: 37, kinds: ['a', 'z'] })).toMatchObject({
      ajv: false,
      ours: ['/kinds/1 unknown-option'],
    });
  });

  it('given an extra property or a missing required field, when checked, then both refuse it', () => {
    expect(both({ temp: 37, nickname: 'x' })).toEqual({
      ajv: false,
      ajvKeywords: [' additionalProperties'],
      ours: ['/nickname unknown-field'],
    });
    expect(both({})).toEqual({ ajv: false, ajvKeywords: [' required'], ours: ['/temp required'] });
  });

  it('given a named pattern and list limits, when checked, then pattern, uniqueItems and maxItems agree', () => {
    expect(both({ temp: 37, code: '12345' })).toMatchObject({
      ajv: false,
      ours: ['/code pattern-mismatch'],
    });
    expect(both({ temp: 37, kinds: ['a', 'a'] })).toMatchObject({
      ajv: false,
      ours: ['/kinds/1 duplicate-option'],
    });
    expect(both({ temp: 37, kinds: ['a', 'b', 'c'] }).ajv).toBe(false);
  });

  it('given rule-driven behaviour, when exported, then it stays out of required and travels in x-rules', () => {
    expect(schema.required).toEqual(['temp']);
    expect(schema['x-rules']).toEqual(form.rules);
    expect(both({ temp: 38 })).toEqual({ ajv: true, ajvKeywords: [], ours: ['/note required'] });
    expect(
      (schema.properties as Record<string, { 'x-field': unknown }>).kinds!['x-field'],
    ).toMatchObject({ exclusive: ['c'] });
  });

  it('given the uiSchema, when read, then order, widgets, titles and help follow the form', () => {
    expect(uiSchema['ui:order']).toEqual(['temp', 'age', 'sex', 'kinds', 'note', 'code', '*']);
    expect(uiSchema).toMatchObject({
      sex: { 'ui:widget': 'radio', 'ui:title': 'sex' },
      kinds: { 'ui:widget': 'checkboxes' },
      note: { 'ui:widget': 'textarea', 'ui:help': '说明' },
      temp: { 'ui:options': { unit: '°C' } },
    });
  });
});

describe('toJsonSchema: the patient visit report', () => {
  const dictionaries = loadDictionaries();
  const { schema, uiSchema } = toJsonSchema(loadPatientVisitReport(), {
    dictionaries,
    locale: 'en',
  });
  const properties = schema.properties as Record<string, Record<string, unknown>>;

  it('given dictionaries, when exported, then coded fields carry labelled consts and disabled items are left out', () => {
    expect(properties.gender!.oneOf).toEqual([
      { const: '1', title: 'Male' },
      { const: '2', title: 'Female' },
    ]);
    const drugs = (properties.medication!.items as { oneOf: { const: string }[] }).oneOf.map(
      (o) => o.const,
    );
    expect(drugs).toContain('D0001');
    expect(drugs).not.toContain('D0011');
    expect(properties.currentAddress).toMatchObject({
      required: ['region'],
      additionalProperties: false,
    });
  });

  it('given a dialect, when compiled by Ajv, then the schema is accepted and declares 2020-12', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(() => makeAjv().compile(schema)).not.toThrow();
    expect(uiSchema).toMatchObject({
      onsetDate: { 'ui:widget': 'date' },
      mainSymptoms: { 'ui:title': 'Main symptoms' },
    });
  });
});
