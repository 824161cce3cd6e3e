import { residentIdCheckChar } from '@sentinel/definitions';
import type { OfficialRole } from '../officials/official.schema';

/**
 * Demo data for `npm start` (demo mode only; production refuses to start while any `demo-`
 * account exists). Every person, phone and ID number here is fictitious: phones come from the
 * 1340000xxxx range, ID numbers are built with a valid check character for made-up births.
 */
export const DEMO_PASSWORD = 'Sentinel@2026';
/** Accounts the seeder creates start with this; production refuses any account that does. */
export const DEMO_USERNAME_PREFIX = 'demo-';

/** A resident ID with a correct check character: area, birth date and 3-digit sequence. */
export function demoResidentId(area: string, birth: string, sequence: string): string {
  const first17 = `${area}${birth}${sequence}`;
  return first17 + residentIdCheckChar(first17);
}

export const DEMO_CLINIC = {
  name: '东莞市演示诊所',
  type: 'clinic',
  address: { region: '441900003', detail: '东城街道演示路 1 号' },
  insuranceDesignated: true,
  /** The shipped `clinic-registration` form these values satisfy. */
  formVersion: 1,
} as const;

export const DEMO_DEPARTMENT = {
  code: '001',
  name: '全科',
  /** 全科医疗科 in the medical-subjects dictionary. */
  medicalSubject: '02',
  formVersion: 1,
} as const;

export interface DemoOfficial {
  readonly username: string;
  readonly displayName: string;
  readonly role: OfficialRole;
  readonly regionCode: string;
  readonly phone: string;
  /** Fever clinic staff: their clinic's code in the `fever-clinics` dictionary. */
  readonly organisationCode?: string;
}

/** 东莞市人民医院 in the `fever-clinics` dictionary (in 万江街道), where the demo referrals go. */
export const DEMO_FEVER_CLINIC_CODE = 'DG007';

export const DEMO_OFFICIALS: readonly DemoOfficial[] = [
  {
    username: 'demo-province-admin',
    displayName: '演示省级管理员',
    role: 'province_admin',
    regionCode: '440000',
    phone: '13400000001',
  },
  {
    username: 'demo-policy-editor',
    displayName: '演示政策人员',
    role: 'policy_editor',
    regionCode: '440000',
    phone: '13400000002',
  },
  {
    username: 'demo-reviewer',
    displayName: '演示东城街道审核员',
    role: 'district_reviewer',
    regionCode: '441900003',
    phone: '13400000003',
  },
  {
    // Another Dongguan street: sees none of the demo clinic's tasks (jurisdiction tests).
    username: 'demo-reviewer-2',
    displayName: '演示南城街道审核员',
    role: 'district_reviewer',
    regionCode: '441900004',
    phone: '13400000007',
  },
  {
    username: 'demo-insurance-reviewer',
    displayName: '演示东莞市医保局审核员',
    role: 'insurance_reviewer',
    regionCode: '441900',
    phone: '13400000008',
  },
  {
    username: 'demo-epidemic-handler',
    displayName: '演示东城街道流调人员',
    role: 'epidemic_handler',
    regionCode: '441900003',
    phone: '13400000009',
  },
  {
    username: 'demo-fever-clinic',
    displayName: '演示东莞市人民医院发热门诊',
    role: 'fever_clinic',
    regionCode: '441900005',
    phone: '13400000010',
    organisationCode: DEMO_FEVER_CLINIC_CODE,
  },
];

/** Values of the `staff` form for the demo clinic's accounts (validated against it in a unit test). */
export const DEMO_STAFF: readonly Readonly<Record<string, unknown>>[] = [
  {
    staffName: '陈演示',
    gender: '1',
    departmentCode: DEMO_DEPARTMENT.code,
    position: 'manager',
    idType: '01',
    idNumber: demoResidentId('441900', '19800101', '011'),
    loginUsername: 'demo-clinic-admin',
    password: DEMO_PASSWORD,
    role: 'admin',
    bindPhone: true,
    bindPhoneNumber: '13400000004',
    enabled: true,
  },
  {
    staffName: '林演示',
    gender: '2',
    departmentCode: DEMO_DEPARTMENT.code,
    position: 'doctor',
    idType: '01',
    idNumber: demoResidentId('441900', '19850615', '022'),
    loginUsername: 'demo-doctor',
    password: DEMO_PASSWORD,
    role: 'outpatientDoctor',
    bindPhone: true,
    bindPhoneNumber: '13400000005',
    enabled: true,
  },
  {
    staffName: '黄演示',
    gender: '1',
    departmentCode: DEMO_DEPARTMENT.code,
    position: 'pharmacist',
    idType: '01',
    idNumber: demoResidentId('441900', '19900720', '031'),
    loginUsername: 'demo-pharmacist',
    password: DEMO_PASSWORD,
    role: 'pharmacist',
    bindPhone: true,
    bindPhoneNumber: '13400000006',
    enabled: true,
  },
];

/** The staff entry that becomes the demo clinic's administrator. */
export const DEMO_CLINIC_ADMIN = 'demo-clinic-admin';

export const DEMO_STAFF_FORM_VERSION = 1;
