import type { ClinicRole } from '../../../common/auth';

/**
 * Codes of the `staff-roles` dictionary (what a clinic administrator picks) → the engine role the
 * account gets. The dictionary is data a provincial admin can extend without a deploy; a code with
 * no entry here is refused (422) instead of guessed, because a role decides permissions.
 *
 * `reporter` (信息上报员) files reports and nothing else: front_desk has exactly those permissions.
 */
export const STAFF_ROLE_MAPPING: Readonly<Record<string, ClinicRole>> = {
  admin: 'clinic_admin',
  outpatientDoctor: 'doctor',
  pharmacist: 'pharmacist',
  nurse: 'nurse',
  frontDesk: 'front_desk',
  reporter: 'front_desk',
};

/** The engine role for a dictionary code, or undefined when none is defined. */
export function accountRoleFor(staffRoleCode: string): ClinicRole | undefined {
  return Object.hasOwn(STAFF_ROLE_MAPPING, staffRoleCode)
    ? STAFF_ROLE_MAPPING[staffRoleCode]
    : undefined;
}
