import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkResidentId,
  compileForm,
  indexDictionaries,
  validate,
  type Dictionary,
  type FormDefinition,
} from '@sentinel/definitions';
import { REPO_ROOT } from '../../../config';
import { readShippedRegions } from '../../institutions/regions/region-content';
import { RegionTree } from '../../institutions/regions/region-tree';
import { levelSuits } from '../officials/official.schema';
import { accountRoleFor } from '../staff/staff-role-mapping';
import {
  DEMO_CLINIC,
  DEMO_DEPARTMENT,
  DEMO_FEVER_CLINIC_CODE,
  DEMO_OFFICIALS,
  DEMO_PASSWORD,
  DEMO_STAFF,
  demoResidentId,
} from './demo-data';

const CONTENT = join(REPO_ROOT, 'definitions', 'content');
const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const dictionaries = indexDictionaries(
  readdirSync(join(CONTENT, 'dictionaries')).map((f) =>
    read<Dictionary>(join(CONTENT, 'dictionaries', f)),
  ),
);
const form = (key: string) =>
  compileForm(read<FormDefinition>(join(CONTENT, 'forms', `${key}.json`)), dictionaries);
const now = new Date('2026-01-01T00:00:00Z');

describe('demo data', () => {
  it('given the demo staff, when validated by the shipped staff form, then every entry is accepted and its role mapped', () => {
    const staff = form('staff');
    for (const values of DEMO_STAFF) {
      expect(validate(staff, values, { now }).errors).toEqual([]);
      expect(accountRoleFor(String(values['role']))).toBeDefined();
    }
  });

  it('given the demo clinic and department, when validated by their shipped forms, then both are accepted', () => {
    const clinic = {
      institutionName: DEMO_CLINIC.name,
      institutionType: DEMO_CLINIC.type,
      institutionAddress: DEMO_CLINIC.address,
      insuranceDesignated: DEMO_CLINIC.insuranceDesignated,
      loginAccount: '13400000004',
      password: DEMO_PASSWORD,
    };
    expect(validate(form('clinic-registration'), clinic, { now }).errors).toEqual([]);
    const department = {
      departmentCode: DEMO_DEPARTMENT.code,
      departmentName: DEMO_DEPARTMENT.name,
      medicalSubject: DEMO_DEPARTMENT.medicalSubject,
      enabled: true,
    };
    expect(validate(form('department'), department, { now }).errors).toEqual([]);
  });

  it('given the demo officials, when placed in the shipped region tree, then each region exists at a level suiting the role', async () => {
    const tree = RegionTree.fromItems(await readShippedRegions());
    for (const official of DEMO_OFFICIALS) {
      const region = tree.node(official.regionCode);
      expect(region).toBeDefined();
      expect(levelSuits(official.role, region?.level ?? 0)).toBe(true);
    }
  });

  it('given the demo people, when their phones and logins are listed, then all are distinct, fictitious and demo- named', () => {
    const phones = [
      ...DEMO_OFFICIALS.map((o) => o.phone),
      ...DEMO_STAFF.map((s) => String(s['bindPhoneNumber'])),
    ];
    expect(new Set(phones).size).toBe(phones.length);
    for (const phone of phones) expect(phone).toMatch(/^1340000\d{4}$/);
    const names = [
      ...DEMO_OFFICIALS.map((o) => o.username),
      ...DEMO_STAFF.map((s) => String(s['loginUsername'])),
    ];
    for (const username of names) expect(username).toMatch(/^demo-/);
  });

  it('given the demo officials, when their roles are listed, then the workflow roles are there: a second street reviewer, insurance, epidemic handler and fever clinic', () => {
    const byName = new Map(DEMO_OFFICIALS.map((o) => [o.username, o]));
    expect(byName.get('demo-reviewer-2')).toMatchObject({ role: 'district_reviewer' });
    expect(byName.get('demo-reviewer-2')?.regionCode).not.toBe(
      byName.get('demo-reviewer')?.regionCode,
    );
    expect(byName.get('demo-insurance-reviewer')).toMatchObject({
      role: 'insurance_reviewer',
      regionCode: '441900',
    });
    expect(byName.get('demo-epidemic-handler')).toMatchObject({
      role: 'epidemic_handler',
      regionCode: '441900003',
    });
    expect(byName.get('demo-fever-clinic')).toMatchObject({
      role: 'fever_clinic',
      organisationCode: DEMO_FEVER_CLINIC_CODE,
    });
    expect(DEMO_STAFF.map((s) => s['loginUsername'])).toContain('demo-pharmacist');
  });

  it('given the demo fever clinic, when looked up in the shipped fever-clinics dictionary, then it is 东莞市人民医院 and lies in the account region', async () => {
    const feverClinics = read<Dictionary>(join(CONTENT, 'dictionaries', 'fever-clinics.json'));
    const tree = RegionTree.fromItems(await readShippedRegions());
    for (const official of DEMO_OFFICIALS.filter((o) => o.organisationCode !== undefined)) {
      const item = feverClinics.items.find((i) => i.code === official.organisationCode);
      expect(item?.label.zh).toBe('东莞市人民医院');
      const clinicRegion = String(item?.attributes?.['region']);
      expect(tree.node(clinicRegion)?.path).toContain(official.regionCode);
    }
    for (const official of DEMO_OFFICIALS.filter((o) => o.organisationCode === undefined)) {
      expect(official.role).not.toBe('fever_clinic');
    }
  });

  it('given an area, birth and sequence, when a demo ID is built, then its check character is valid', () => {
    expect(checkResidentId(demoResidentId('441900', '19850615', '022'))).toBeNull();
    expect(demoResidentId('110105', '19491231', '002')).toBe('11010519491231002X');
  });
});
