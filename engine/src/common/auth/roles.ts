/**
 * Roles named by the product (DOMAIN.md) and what each may do. Roles are data on the account;
 * permissions are derived here so a check reads as what it protects, not who usually does it.
 */
export const CLINIC_ROLES = [
  'clinic_admin',
  'doctor',
  'nurse',
  'front_desk',
  'pharmacist',
] as const;
/**
 * Officials bounded by a region node: reviewers and regulators, the insurance bureau's reviewers
 * (医保局, seed 004) and the district's epidemic handlers who visit reported clues (seed 003).
 */
export const REGULATOR_ROLES = [
  'district_reviewer',
  'city_regulator',
  'province_admin',
  'insurance_reviewer',
  'epidemic_handler',
] as const;
/**
 * Staff of an organisation outside the system's clinics, identified by a dictionary code: the
 * designated fever clinics (发热门诊) that confirm referrals.
 */
export const ORGANISATION_ROLES = ['fever_clinic'] as const;
export const ROLES = [
  ...CLINIC_ROLES,
  ...REGULATOR_ROLES,
  ...ORGANISATION_ROLES,
  'policy_editor',
  'patient',
] as const;

export type ClinicRole = (typeof CLINIC_ROLES)[number];
export type RegulatorRole = (typeof REGULATOR_ROLES)[number];
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Read personal fields in clear (every such read is audited). */
  'personal-data:unmask',
  /** Edit drafts and publish forms, dictionaries and parameters. */
  'definitions:publish',
  /** File and complete reports for one's own institution. */
  'submissions:write',
  /** Manage one's institution: departments, staff, qualifications. */
  'institution:manage',
  /** Read and verify the audit chain. */
  'audit:read',
  /** Call the province's health-record interface for a patient. */
  'interop:health-record',
  /** Deploy workflows, see and retry incidents. */
  'workflows:admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const CLINIC_STAFF: readonly Permission[] = ['submissions:write', 'interop:health-record'];

export const PERMISSIONS_BY_ROLE: Readonly<Record<Role, readonly Permission[]>> = {
  clinic_admin: [...CLINIC_STAFF, 'institution:manage', 'personal-data:unmask'],
  doctor: [...CLINIC_STAFF, 'personal-data:unmask'],
  nurse: CLINIC_STAFF,
  front_desk: CLINIC_STAFF,
  pharmacist: ['submissions:write'],
  district_reviewer: ['personal-data:unmask'],
  city_regulator: [],
  province_admin: ['definitions:publish', 'audit:read', 'personal-data:unmask', 'workflows:admin'],
  insurance_reviewer: [],
  epidemic_handler: [],
  fever_clinic: [],
  policy_editor: ['definitions:publish'],
  patient: [],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(roles: readonly Role[]): ReadonlySet<Permission> {
  return new Set(roles.flatMap((role) => PERMISSIONS_BY_ROLE[role]));
}
