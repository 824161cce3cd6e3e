import Ajv2020 from 'ajv/dist/2020';
import bundleSchema from '../schemas/bundle.schema.json';
import commonSchema from '../schemas/common.schema.json';
import dictionarySchema from '../schemas/dictionary.schema.json';
import formSchema from '../schemas/form.schema.json';
import workflowSchema from '../schemas/workflow.schema.json';
import clueBodyStatus from '../content/dictionaries/clue-body-status.json';
import doctorRoles from '../content/dictionaries/doctor-roles.json';
import doctorTitles from '../content/dictionaries/doctor-titles.json';
import drugFrequencies from '../content/dictionaries/drug-frequencies.json';
import drugRoutes from '../content/dictionaries/drug-routes.json';
import drugUnits from '../content/dictionaries/drug-units.json';
import genders from '../content/dictionaries/genders.json';
import hainanCaseStatus from '../content/dictionaries/hainan-case-status.json';
import hainanKeyAreas from '../content/dictionaries/hainan-key-areas.json';
import hainanSymptoms from '../content/dictionaries/hainan-symptoms.json';
import institutionTypes from '../content/dictionaries/institution-types.json';
import medicalSubjects from '../content/dictionaries/medical-subjects.json';
import practiceCategories from '../content/dictionaries/practice-categories.json';
import practiceScopes from '../content/dictionaries/practice-scopes.json';
import regionsHainan from '../content/dictionaries/regions-hainan.json';
import relations from '../content/dictionaries/relations.json';
import staffPositions from '../content/dictionaries/staff-positions.json';
import staffRoles from '../content/dictionaries/staff-roles.json';
import clinicQualification from '../content/forms/clinic-qualification.json';
import clinicRegistration from '../content/forms/clinic-registration.json';
import department from '../content/forms/department.json';
import doctorQualification from '../content/forms/doctor-qualification.json';
import hainanDrugPurchase from '../content/forms/hainan-drug-purchase.json';
import hainanHealthDeclaration from '../content/forms/hainan-health-declaration.json';
import institutionInfo from '../content/forms/institution-info.json';
import patientSelfRegistration from '../content/forms/patient-self-registration.json';
import prescription from '../content/forms/prescription.json';
import staff from '../content/forms/staff.json';
import { checkDictionary } from '../src/model/dictionary-checks';
import { indexDictionaries } from '../src/dictionaries/dictionary-index';
import { runGoldenCases } from '../src/golden/golden-runner';
import { checkForm } from '../src/model/compile-form';
import type { Dictionary } from '../src/types/dictionary.types';
import type { FieldDefinition, FormDefinition, FormNode } from '../src/types/form.types';
import { loadDictionaries } from './content-loader';

/**
 * The province's forms beyond the patient visit report: each must pass the meta-schema and the
 * static checks against every dictionary, and carry golden cases that all pass and cover the
 * content conventions (an unknown field refused, a bad check digit where an ID number exists).
 */
const FORMS = [
  clinicRegistration,
  clinicQualification,
  department,
  staff,
  doctorQualification,
  patientSelfRegistration,
  prescription,
  hainanHealthDeclaration,
  hainanDrugPurchase,
  institutionInfo,
].map((f) => JSON.parse(JSON.stringify(f)) as FormDefinition);

const NEW_DICTIONARIES = [
  clueBodyStatus,
  doctorRoles,
  doctorTitles,
  drugFrequencies,
  drugRoutes,
  drugUnits,
  genders,
  hainanCaseStatus,
  hainanKeyAreas,
  hainanSymptoms,
  institutionTypes,
  medicalSubjects,
  practiceCategories,
  practiceScopes,
  regionsHainan,
  relations,
  staffPositions,
  staffRoles,
].map((d) => JSON.parse(JSON.stringify(d)) as Dictionary);

function makeAjv() {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
  for (const schema of [commonSchema, dictionarySchema, formSchema, workflowSchema, bundleSchema])
    ajv.addSchema(schema);
  return { form: ajv.getSchema(formSchema.$id)!, dictionary: ajv.getSchema(dictionarySchema.$id)! };
}

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
    const keys = [...loadDictionaries(), ...NEW_DICTIONARIES].map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe.each(FORMS.map((f) => [f.key, f] as const))('province content: form %s', (_key, form) => {
  const ajv = makeAjv();
  const dictionaries = indexDictionaries([...loadDictionaries(), ...NEW_DICTIONARIES]);
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
