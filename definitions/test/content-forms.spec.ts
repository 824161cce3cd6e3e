import { checkDictionary } from '../src/model/dictionary-checks';
import { indexDictionaries } from '../src/dictionaries/dictionary-index';
import { runGoldenCases } from '../src/golden/golden-runner';
import { checkForm } from '../src/model/compile-form';
import type { FieldDefinition, FormDefinition, FormNode } from '../src/types/form.types';
import { loadAllDictionaries, loadAllForms, loadDictionaries } from './content-loader';
import { makeMetaSchemaAjv as makeAjv } from './factories/meta-schema-ajv';

/**
 * The province's forms beyond the patient visit report: each must pass the meta-schema and the
 * static checks against every dictionary, and carry golden cases that all pass and cover the
 * content conventions (an unknown field refused, a bad check digit where an ID number exists).
 */
const FORMS = loadAllForms().filter((f) => f.key !== 'patient-visit-report');

const PVR_DICTIONARY_KEYS = new Set(loadDictionaries().map((d) => d.key));
const NEW_DICTIONARIES = loadAllDictionaries().filter((d) => !PVR_DICTIONARY_KEYS.has(d.key));

function fieldsOf(nodes: readonly FormNode[]): FieldDefinition[] {
  return nodes.flatMap((n) => (n.kind === 'field' ? [n] : fieldsOf(n.children)));
}

const errorCodes = (form: FormDefinition): string[] =>
  (form.goldenCases ?? []).flatMap((c) => (c.expect.errors ?? []).map((e) => e.code));

describe('province content: dictionaries', () => {
  const ajv = makeAjv();

  it.each(NEW_DICTIONARIES.map((d) => [d.key, d] as const))(
    'given dictionary %s, when validated, then the meta-schema and the static checks accept it',
    (_key, dictionary) => {
      expect(ajv.dictionary(dictionary) ? null : ajv.dictionary.errors).toBeNull();
      expect(checkDictionary(dictionary)).toEqual([]);
    },
  );

  it('given all dictionaries, when keyed, then no key is used twice', () => {
    const keys = loadAllDictionaries().map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe.each(FORMS.map((f) => [f.key, f] as const))('province content: form %s', (_key, form) => {
  const ajv = makeAjv();
  const dictionaries = indexDictionaries(loadAllDictionaries());
  const fields = fieldsOf(form.items);

  it('given the meta-schema and the static checks, when checked, then there is no problem', () => {
    expect(ajv.form(form) ? null : ajv.form.errors).toBeNull();
    expect(checkForm(form, dictionaries)).toEqual([]);
  });

  it('given its golden cases, when run, then 3 to 8 cases all pass', () => {
    const results = runGoldenCases(form, { dictionaries });
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results.length).toBeLessThanOrEqual(8);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('given its golden cases, when listed, then one refuses an unknown field and one a bad ID check digit if an ID number exists', () => {
    expect(errorCodes(form)).toContain('unknown-field');
    if (fields.some((f) => f.type === 'identityNumber'))
      expect(errorCodes(form)).toContain('id-check-digit');
  });

  it('given its fields, when listed, then ID numbers, mobiles, birth dates, person names and passwords are tagged personal', () => {
    const untagged = fields
      .filter(
        (f) =>
          f.type === 'identityNumber' ||
          f.type === 'phone' ||
          (f.type === 'date' && /birth/i.test(f.key)) ||
          /password/i.test(f.key) ||
          (f.type === 'text' &&
            /^(patient|staff|doctor|member|buyer|person|guardian)Name$/.test(f.key)),
      )
      .filter((f) => f.personal === undefined)
      .map((f) => f.key);
    expect(untagged).toEqual([]);
  });
});
