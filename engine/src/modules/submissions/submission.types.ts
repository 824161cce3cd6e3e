import type { FieldStates, SubmissionIssue, Value } from '@sentinel/definitions';
import type { BlindTokens } from '../personal-data';

export type { BlindTokens } from '../personal-data';

/** `draft`: work in progress; `pending` (待处理): pre-filled, waiting for staff; `reported` (已上报). */
export const SUBMISSION_STATUSES = ['draft', 'pending', 'reported'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Who filed or last completed a report, as shown in the list. */
export interface SubmissionActor {
  readonly userId: string;
  readonly displayName: string;
}

/** The validation outcome kept with a report (everything but the values), to reproduce decisions. */
export interface SubmissionOutcome {
  readonly valid: boolean;
  readonly warnings: readonly SubmissionIssue[];
  readonly effects: FieldStates;
  readonly derived: Readonly<Record<string, Value>>;
  /** Errors a draft or an incomplete pre-fill was stored with, so the client can show them. */
  readonly issues: readonly SubmissionIssue[];
}

/**
 * A report as stored. Personal values inside `values` are `EncryptedField`s bound to
 * (`submissions`, id, `/values/...`); everything else is as validated.
 */
export interface StoredSubmission {
  readonly id: string;
  readonly formKey: string;
  readonly formVersion: number;
  readonly status: SubmissionStatus;
  /** Bumped by every update; an update naming a stale revision is refused. */
  readonly revision: number;
  readonly values: Readonly<Record<string, unknown>>;
  readonly blind: BlindTokens;
  readonly outcome: SubmissionOutcome;
  /** Parameter values the report was validated with (e.g. feverThreshold). */
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  /** Versions of the dictionaries the form version was compiled with (key → version). */
  readonly dictionaryVersions: Readonly<Record<string, number>>;
  /** Who filed it, or who completed a pre-filled one. */
  readonly reporter: SubmissionActor;
  /** The patient who pre-filled it, if one did. */
  readonly prefilledBy: SubmissionActor | null;
  readonly institutionId: string;
  readonly regionPath: readonly string[];
  /**
   * Patients who may read it: the one who pre-filled it, and those a workflow released it to
   * (a prescription reaches its patient only once the pharmacist approved it).
   */
  readonly patientIds: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly reportedAt: Date | null;
  /** When a workflow released it to its patients; absent or null before. */
  readonly releasedAt?: Date | null;
  /** The worker job's idempotency key of that release, so a redelivery changes nothing. */
  readonly releaseKey?: string | null;
  /** How each process this report started ended (by workflow key): the last decision and reason. */
  readonly workflowOutcomes?: Readonly<Record<string, WorkflowOutcome>>;
}

/** The end of a process a report started, as recorded on the report (no personal values). */
export interface WorkflowOutcome {
  /** The last decision taken in the process (`approve`, `reject`, ...), null if none was. */
  readonly decision: string | null;
  readonly reason: string | null;
  readonly endedAt: Date;
}

/** The answer first given to an idempotent request, replayed verbatim to every repeat. */
export interface RecordedResponse {
  readonly status: number;
  readonly body: unknown;
}
