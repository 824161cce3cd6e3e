import type { AuditEntryInput } from '../audit';
import type { DataScope } from '../../common/auth';
import type { SearchableKind } from './form-anatomy';
import type {
  RecordedResponse,
  StoredSubmission,
  WorkflowOutcome,
  SubmissionStatus,
} from './submission.types';
import type { OutboxEvent } from '../outbox';

/** An idempotency key as stored: scoped per user, bound to the hash of the first request. */
export interface IdempotencyRecord {
  readonly userId: string;
  readonly key: string;
  readonly requestHash: string;
  /** Random per claim, so only the claimer can complete or release it. */
  readonly claimToken: string;
  readonly state: 'in-progress' | 'completed';
  readonly response: RecordedResponse | null;
  readonly claimedAt: Date;
}

/** A claim the caller wants to make on a key. */
export interface IdempotencyClaim {
  readonly userId: string;
  readonly key: string;
  readonly requestHash: string;
  readonly claimToken: string;
  readonly claimedAt: Date;
}

/**
 * Another module's write that must commit or vanish with the report (a rejected clinic's status
 * returning to pending as it resubmits). Runs inside the write's unit of work.
 */
export type SubmissionSideEffect = () => Promise<void>;

/** A new report, its outbox event (if accepted) and the completion of the key that created it. */
export interface SubmissionInsert {
  readonly submission: StoredSubmission;
  readonly outbox: OutboxEvent | null;
  readonly sideEffect?: SubmissionSideEffect;
  /** Written in the same transaction, so the report and its audit row commit or vanish together. */
  readonly audit?: AuditEntryInput;
  readonly idempotency: {
    readonly userId: string;
    readonly key: string;
    readonly claimToken: string;
    readonly response: RecordedResponse;
  };
}

/** A changed report replacing revision `expectedRevision`, with an outbox event if newly accepted. */
export interface SubmissionUpdate {
  readonly submission: StoredSubmission;
  readonly expectedRevision: number;
  /** Written in the same transaction as the change. */
  readonly audit?: AuditEntryInput;
  readonly outbox: OutboxEvent | null;
  /** Written in the same transaction, only if the report was replaced. */
  readonly sideEffect?: SubmissionSideEffect;
}

/** A workflow releasing a report to the patients it concerns. */
export interface SubmissionRelease {
  readonly submissionId: string;
  readonly patientIds: readonly string[];
  /** The worker job's idempotency key: a release already made under it is not made again. */
  readonly key: string;
  readonly at: Date;
  /** Written in the same transaction as the first release under `key`. */
  readonly audit: AuditEntryInput;
}

export interface ReleaseOutcome {
  /** False when no report has this id. */
  readonly found: boolean;
  /** False when this key had released it already (a redelivered job). */
  readonly released: boolean;
}

/** Filters of the report list; every one is already validated. */
export interface SubmissionListQuery {
  readonly scope: DataScope;
  readonly formKey?: string;
  readonly statuses: readonly SubmissionStatus[];
  /** Inclusive lower and exclusive upper bound on `createdAt`. */
  readonly from?: Date;
  readonly until?: Date;
  readonly reporterId?: string;
  /** A derived value that must be `true` (e.g. `fever`). */
  readonly flag?: string;
  readonly skip: number;
  readonly limit: number;
}

export interface SubmissionPage {
  readonly items: readonly StoredSubmission[];
  readonly total: number;
}

/** Thrown by `insert` when the idempotency claim was lost (taken over as stale); nothing was written. */
export class IdempotencyClaimLostError extends Error {
  constructor() {
    super('idempotency claim lost before commit');
    this.name = 'IdempotencyClaimLostError';
  }
}

/**
 * Storage of reports, their outbox events and idempotency keys (collections `submissions`,
 * `outbox`, `idempotency_keys`). Every read takes the caller's data scope, so no query can
 * forget it.
 */
export abstract class SubmissionRepository {
  /** Claims a key with a unique insert; returns null when claimed, else the record already there. */
  abstract claimKey(claim: IdempotencyClaim): Promise<IdempotencyRecord | null>;
  abstract findKey(userId: string, key: string): Promise<IdempotencyRecord | null>;
  /**
   * Replaces an in-progress claim whose holder is presumed dead (`staleToken` still holds it)
   * by a new one; false if someone else completed, released or took it over first.
   */
  abstract takeOverKey(claim: IdempotencyClaim, staleToken: string): Promise<boolean>;
  /** Deletes an in-progress claim held by `claimToken` (a failure before commit). */
  abstract releaseKey(userId: string, key: string, claimToken: string): Promise<void>;

  /**
   * Atomically: inserts the report and its outbox event and marks the key completed with the
   * response. @throws IdempotencyClaimLostError when the claim is no longer held.
   */
  abstract insert(write: SubmissionInsert): Promise<void>;
  /** Atomically replaces the report and appends the event; false if the revision moved on. */
  abstract update(write: SubmissionUpdate): Promise<boolean>;

  /** The report if it exists and is within scope; null otherwise (callers answer 404 either way). */
  abstract findById(id: string, scope: DataScope): Promise<StoredSubmission | null>;
  /**
   * The report without a caller's scope, for the system itself (workflow starts and workers,
   * which act on the report that started them). Never behind an HTTP route.
   */
  abstract findAsSystem(id: string): Promise<StoredSubmission | null>;
  /**
   * Adds `patientIds` to the report's readers (a set: no duplicates), records `releasedAt`,
   * `releaseKey` and a new revision (so an edit racing the release is refused), and appends the
   * audit entry, atomically; nothing is written when `key` already released it.
   */
  abstract release(write: SubmissionRelease): Promise<ReleaseOutcome>;
  /**
   * Records how a process the report started ended, under its workflow key (writing the same
   * outcome again changes nothing); false when there is no such report. Not a user edit: the
   * revision is left alone so a clinic's pending edit is not refused by it.
   */
  abstract recordWorkflowOutcome(
    submissionId: string,
    workflowKey: string,
    outcome: WorkflowOutcome,
  ): Promise<boolean>;
  /** Newest first. */
  abstract list(query: SubmissionListQuery): Promise<SubmissionPage>;
  /**
   * Reports within scope whose blind index holds any of the given tokens, newest first, at most
   * `limit`. Only tokens are compared: nothing is decrypted to search.
   */
  abstract findByBlindTokens(
    scope: DataScope,
    tokens: Partial<Record<SearchableKind, string>>,
    limit: number,
  ): Promise<readonly StoredSubmission[]>;
}
