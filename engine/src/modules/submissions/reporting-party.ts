import { hasPermission, type Principal } from '../../common/auth';
import { SubmissionErrors } from './submission-errors';
import type { SubmissionStatus } from './submission.types';

/** Who a new report is filed by and for, decided from the caller and what the body asks. */
export interface ReportingParty {
  readonly institutionId: string;
  readonly status: SubmissionStatus;
  /** Set when a patient pre-fills: the report becomes theirs to see as well. */
  readonly patientId: string | null;
  /** Where to point a refusal about the institution: the body field if the caller named it. */
  readonly institutionPath: string;
}

/**
 * Staff with `submissions:write` report for their own institution (any status, default
 * `reported`); a patient may only pre-fill a `pending` report for an institution they name.
 * Anyone else is refused. The institution's approval is checked afterwards, against the store.
 */
export function reportingParty(
  principal: Principal,
  requested: { readonly status?: SubmissionStatus; readonly institutionId?: string },
): ReportingParty {
  if (hasPermission(principal, 'submissions:write') && principal.institutionId !== undefined) {
    if (
      requested.institutionId !== undefined &&
      requested.institutionId !== principal.institutionId
    ) {
      throw SubmissionErrors.notOwnInstitution();
    }
    return {
      institutionId: principal.institutionId,
      status: requested.status ?? 'reported',
      patientId: null,
      institutionPath: requested.institutionId === undefined ? '' : '/institutionId',
    };
  }
  if (principal.roles.includes('patient') && principal.patientId !== undefined) {
    if (requested.status !== undefined && requested.status !== 'pending') {
      throw SubmissionErrors.patientMayOnlyPrefill();
    }
    if (requested.institutionId === undefined) throw SubmissionErrors.institutionRequired();
    return {
      institutionId: requested.institutionId,
      status: 'pending',
      patientId: principal.patientId,
      institutionPath: '/institutionId',
    };
  }
  throw SubmissionErrors.notAllowedToReport();
}
