import workflow from '../content/workflows/clinic-qualification-review.json';
import { indexDictionaries } from '../src/dictionaries/dictionary-index';
import { checkForm } from '../src/model/compile-form';
import { loadDictionaries, loadPatientVisitReport } from './content-loader';
import { makeMetaSchemaAjv as makeAjv } from './factories/meta-schema-ajv';

describe('meta-schemas', () => {
  const sut = makeAjv();

  it('given the patient visit report, when validated by Ajv and the static checks, then both accept it', () => {
    const form = loadPatientVisitReport();
    expect(sut.form(form)).toBe(true);
    expect(checkForm(form, indexDictionaries(loadDictionaries()))).toEqual([]);
  });

  it('given every dictionary of the province, when validated, then each is accepted', () => {
    for (const dictionary of loadDictionaries()) {
      expect({
        key: dictionary.key,
        valid: sut.dictionary(dictionary),
        errors: sut.dictionary.errors ?? null,
      }).toEqual({
        key: dictionary.key,
        valid: true,
        errors: null,
      });
    }
  });

  it('given the qualification-review workflow and a bundle of everything, when validated, then both are accepted', () => {
    expect(sut.workflow(workflow)).toBe(true);
    const bundle = {
      kind: 'bundle',
      key: 'guangdong',
      version: 1,
      title: { zh: '广东省', en: 'Guangdong' },
      forms: [loadPatientVisitReport()],
      dictionaries: loadDictionaries(),
      workflows: [workflow],
    };
    expect(sut.bundle(bundle)).toBe(true);
  });

  it('given a text field carrying a number property (unit), when validated, then it is refused', () => {
    const form = loadPatientVisitReport() as unknown as {
      items: { children: Record<string, unknown>[] }[];
    };
    form.items[0]!.children[0]!.unit = '°C';
    expect(sut.form(form)).toBe(false);
    expect(sut.form.errors?.some((e) => e.keyword === 'unevaluatedProperties')).toBe(true);
  });

  it('given a choice field with both inline options and a dictionary, when validated, then it is refused', () => {
    const form = loadPatientVisitReport() as unknown as {
      items: { children: Record<string, unknown>[] }[];
    };
    form.items[0]!.children[1]!.options = [{ code: 'x', label: { zh: 'x', en: 'x' } }];
    expect(sut.form(form)).toBe(false);
  });

  it('given a derived value with both expression and cases, when validated, then it is refused', () => {
    const form = loadPatientVisitReport() as unknown as { derived: Record<string, unknown>[] };
    form.derived[0]!.cases = [{ when: 'true', value: true }];
    expect(sut.form(form)).toBe(false);
  });

  it('given a field key starting with a digit, when validated, then it is refused', () => {
    const form = loadPatientVisitReport() as unknown as {
      items: { children: Record<string, unknown>[] }[];
    };
    form.items[0]!.children[0]!.key = '1name';
    expect(sut.form(form)).toBe(false);
  });
});
