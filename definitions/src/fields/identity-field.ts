import { checkResidentId, residentIdFacts } from '../identity/resident-id';
import type { IdentityNumberField } from '../types/form.types';
import type { FieldCheckContext, FieldChecker, IssueReporter } from './field-checker';

/** Other documents (passports, permits…) vary too much for more than a conservative shape. */
const OTHER_DOCUMENT = /^[A-Za-z0-9()（）-]{4,32}$/;

/** Shape only; the checks that need the ID type run in `checkIdentityAgainstSiblings`. */
export function identityNumberChecker(_field: IdentityNumberField): FieldChecker {
  return (value, path, _ctx, report) => {
    if (typeof value !== 'string') {
      report(path, 'wrong-type');
      return false;
    }
    return true;
  };
}

/**
 * Checks an ID number by the ID type chosen in its sibling field: 居民身份证 gets GB 11643
 * (format, real birth date, check digit) and must agree with the birth date and gender fields.
 */
export function checkIdentityAgainstSiblings(
  field: IdentityNumberField,
  id: string,
  siblings: Readonly<Record<string, unknown>>,
  path: string,
  ctx: FieldCheckContext,
  report: IssueReporter,
): void {
  const idType = siblings[field.idTypeField];
  if (idType !== (field.residentIdCode ?? '01')) {
    if (!OTHER_DOCUMENT.test(id)) report(path, 'id-format');
    return;
  }
  const problem = checkResidentId(id, ctx.today);
  if (problem !== null) {
    report(path, problem);
    return;
  }
  const facts = residentIdFacts(id);
  if (facts === null) return;
  const base = path.slice(0, path.lastIndexOf('/') + 1);
  if (field.birthDateField !== undefined) {
    const birth = siblings[field.birthDateField];
    if (typeof birth === 'string' && birth !== facts.birthDate)
      report(base + field.birthDateField, 'id-birth-date-mismatch');
  }
  if (field.genderField !== undefined) {
    const gender = siblings[field.genderField];
    const codes = field.genderCodes ?? { male: '1', female: '2' };
    if (
      typeof gender === 'string' &&
      (gender === codes.male || gender === codes.female) &&
      gender !== codes[facts.gender]
    ) {
      report(base + field.genderField, 'id-gender-mismatch');
    }
  }
}
