import type { SubmissionIssue, Value } from '@sentinel/definitions';
import type { RevealedValues } from '../personal-data';
import type { StoredSubmission, SubmissionActor, SubmissionStatus } from './submission.types';

/** A report as answered: personal values masked (or in clear when asked for and allowed). */
export interface SubmissionView {
  readonly id: string;
  readonly formKey: string;
  readonly formVersion: number;
  readonly status: SubmissionStatus;
  readonly values: Readonly<Record<string, unknown>>;
  readonly valid: boolean;
  readonly derived: Readonly<Record<string, Value>>;
  readonly warnings: readonly SubmissionIssue[];
  readonly issues: readonly SubmissionIssue[];
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  readonly reporter: SubmissionActor;
  readonly prefilledBy: SubmissionActor | null;
  readonly institutionId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly reportedAt: string | null;
  /** How the processes this report started ended, by workflow key (e.g. 驳回 and why). */
  readonly workflowOutcomes: Readonly<
    Record<string, { decision: string | null; reason: string | null; endedAt: string }>
  >;
  /** False only for an unmasked (audited) read. */
  readonly masked: boolean;
  /** Personal values that failed their integrity check; each is answered as null. */
  readonly integrity: readonly { readonly path: string; readonly code: 'tampered' }[];
}

export function submissionView(
  stored: StoredSubmission,
  revealed: RevealedValues,
  masked: boolean,
): SubmissionView {
  return {
    id: stored.id,
    formKey: stored.formKey,
    formVersion: stored.formVersion,
    status: stored.status,
    values: revealed.values,
    valid: stored.outcome.valid,
    derived: stored.outcome.derived,
    warnings: stored.outcome.warnings,
    issues: stored.outcome.issues,
    parameters: stored.parameters,
    reporter: stored.reporter,
    prefilledBy: stored.prefilledBy,
    institutionId: stored.institutionId,
    createdAt: stored.createdAt.toISOString(),
    updatedAt: stored.updatedAt.toISOString(),
    reportedAt: stored.reportedAt?.toISOString() ?? null,
    workflowOutcomes: Object.fromEntries(
      Object.entries(stored.workflowOutcomes ?? {}).map(([key, outcome]) => [
        key,
        {
          decision: outcome.decision,
          reason: outcome.reason,
          endedAt: new Date(outcome.endedAt).toISOString(),
        },
      ]),
    ),
    masked,
    integrity: revealed.integrity.map(({ path, code }) => ({ path, code })),
  };
}

/** One returning patient found by the search: the latest report's patient block, masked. */
export interface PatientMatch {
  readonly formKey: string;
  readonly patient: Readonly<Record<string, unknown>>;
  readonly latestSubmissionId: string;
  readonly lastReportedAt: string;
  /** Every report of this person within scope, newest first. */
  readonly submissionIds: readonly string[];
  readonly integrity: readonly { readonly path: string; readonly code: 'tampered' }[];
}
