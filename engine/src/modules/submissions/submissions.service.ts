import { Injectable } from '@nestjs/common';
import type { SubmissionIssue, Value } from '@sentinel/definitions';
import { dataScopeOf } from '../../common/auth';
import type { InstitutionStatus, InstitutionSummary } from '../institutions';
import { DefinitionRegistry, type PublishedForm } from '../registry';
import { IdempotentExecution, type IdempotentOutcome } from './idempotent-execution';
import { formAnatomy } from './form-anatomy';
import { PersonalValues } from '../personal-data';
import { RecentInstitutions } from './recent-institutions';
import { reportingParty } from './reporting-party';
import { SubmissionAudit, type Caller } from './submission-audit';
import { SubmissionPreparation, type PreparedSubmission } from './submission-preparation';
import { SubmissionRepository, type SubmissionInsert } from './submission.repository';
import type { OutboxEvent } from '../outbox';
import type { StoredSubmission, SubmissionStatus } from './submission.types';
import { SubmissionErrors } from './submission-errors';
import { isSubmissionId, newTimeOrderedId } from './submission-id';

export interface CreateSubmissionCommand {
  readonly formKey: string;
  readonly formVersion?: number;
  readonly status?: SubmissionStatus;
  readonly institutionId?: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly idempotencyKey: string;
  readonly requestHash: string;
}

export interface UpdateSubmissionCommand {
  readonly status?: SubmissionStatus;
  /** Merged over the stored values; null clears a value. */
  readonly values?: Readonly<Record<string, unknown>>;
}

/** The answer to a create or update: what the client needs to show and to pin. */
export interface SubmissionReceipt {
  readonly id: string;
  readonly formKey: string;
  readonly formVersion: number;
  readonly status: SubmissionStatus;
  readonly derived: Readonly<Record<string, Value>>;
  readonly warnings: readonly SubmissionIssue[];
  /** Errors a draft or an incomplete pre-fill was kept with; empty when reported. */
  readonly issues: readonly SubmissionIssue[];
}

/** Which status changes an update may make. Reported reports are final. */
const TRANSITIONS: Readonly<Record<SubmissionStatus, readonly SubmissionStatus[]>> = {
  draft: ['draft', 'pending', 'reported'],
  pending: ['pending', 'reported'],
  reported: [],
};

/** Statuses that may file a form whose `filers` is `any-institution` (not a suspended one). */
const ANY_INSTITUTION_STATUSES: readonly InstitutionStatus[] = ['approved', 'pending', 'rejected'];

/**
 * Approved institutions file every form; a form for `any-institution` (the qualification a clinic
 * sends while under review) may also come from a pending or rejected one. 403 otherwise.
 */
function assertMayFile(institution: InstitutionSummary, form: PublishedForm, path: string): void {
  const allowed =
    form.definition.filers === 'any-institution'
      ? ANY_INSTITUTION_STATUSES.includes(institution.status)
      : institution.status === 'approved';
  if (!allowed) throw SubmissionErrors.institutionNotApproved(path, institution.status);
}

function receiptOf(submission: StoredSubmission): SubmissionReceipt {
  return {
    id: submission.id,
    formKey: submission.formKey,
    formVersion: submission.formVersion,
    status: submission.status,
    derived: submission.outcome.derived,
    warnings: submission.outcome.warnings,
    issues: submission.outcome.issues,
  };
}

function acceptedEvent(submission: StoredSubmission, now: Date): OutboxEvent | null {
  if (submission.status === 'draft') return null;
  return {
    id: newTimeOrderedId(now.getTime()),
    type: 'submission.accepted',
    submissionId: submission.id,
    formKey: submission.formKey,
    formVersion: submission.formVersion,
    status: submission.status,
    institutionId: submission.institutionId,
    regionPath: submission.regionPath,
    derived: submission.outcome.derived,
    createdAt: now,
    publishedAt: null,
  };
}

/**
 * Files and completes reports: pins the form version, validates with the shared evaluator,
 * encrypts personal values, and stores the report with its outbox event and idempotency key in
 * one transaction; every write is audited without personal values.
 */
@Injectable()
export class SubmissionsService {
  constructor(
    private readonly registry: DefinitionRegistry,
    private readonly institutions: RecentInstitutions,
    private readonly repository: SubmissionRepository,
    private readonly preparation: SubmissionPreparation,
    private readonly personalValues: PersonalValues,
    private readonly idempotency: IdempotentExecution,
    private readonly audit: SubmissionAudit,
  ) {}

  async create(caller: Caller, command: CreateSubmissionCommand): Promise<IdempotentOutcome> {
    const { principal } = caller;
    const party = reportingParty(principal, command);
    const request = {
      userId: principal.userId,
      key: command.idempotencyKey,
      requestHash: command.requestHash,
    };
    return this.idempotency.run(request, async (claimToken) => {
      const institution = await this.existingInstitution(
        party.institutionId,
        party.institutionPath,
      );
      const published = await this.publishedForm(command.formKey, command.formVersion);
      assertMayFile(institution, published, party.institutionPath);
      const now = new Date();
      const id = newTimeOrderedId(now.getTime());
      const patientIds = party.patientId === null ? [] : [party.patientId];
      const prepared = await this.preparation.prepare(
        principal,
        published,
        command.values,
        {
          id,
          status: party.status,
          institutionId: institution.id,
          regionPath: institution.regionPath,
          patientIds,
        },
        now,
      );
      const actor = { userId: principal.userId, displayName: principal.displayName };
      const submission: StoredSubmission = {
        id,
        formKey: published.key,
        formVersion: published.version,
        status: party.status,
        revision: 1,
        ...prepared,
        reporter: actor,
        prefilledBy: party.patientId === null ? null : actor,
        institutionId: institution.id,
        regionPath: [...institution.regionPath],
        patientIds,
        createdAt: now,
        updatedAt: now,
        reportedAt: party.status === 'reported' ? now : null,
      };
      const response = { status: 201, body: receiptOf(submission) };
      await this.repository.insert({
        submission,
        outbox: acceptedEvent(submission, now),
        ...this.reopening(institution, submission, party.patientId === null, principal.userId),
        audit: this.audit.entryFor('create', caller, submission),
        idempotency: {
          userId: principal.userId,
          key: command.idempotencyKey,
          claimToken,
          response,
        },
      });
      await this.audit.flush();
      return response;
    });
  }

  async update(
    caller: Caller,
    id: string,
    command: UpdateSubmissionCommand,
  ): Promise<SubmissionReceipt> {
    const { principal } = caller;
    const current = isSubmissionId(id)
      ? await this.repository.findById(id, dataScopeOf(principal))
      : null;
    // Only the institution's own staff edit; anyone else learns nothing about the id.
    if (current === null || current.institutionId !== principal.institutionId) {
      throw SubmissionErrors.submissionNotFound();
    }
    const status = command.status ?? current.status;
    if (current.status === 'reported') throw SubmissionErrors.alreadyReported();
    if (!TRANSITIONS[current.status].includes(status)) {
      throw SubmissionErrors.transitionRefused(current.status, status);
    }
    const institution = await this.existingInstitution(current.institutionId, '');
    const published = await this.registry.formVersion(current.formKey, current.formVersion);
    if (published === null)
      throw SubmissionErrors.formVersionNotFound(current.formKey, current.formVersion);
    assertMayFile(institution, published, '');

    const now = new Date();
    const values = await this.mergedValues(caller, current, published, command.values ?? {});
    const prepared: PreparedSubmission = await this.preparation.prepare(
      principal,
      published,
      values,
      {
        ...current,
        status,
      },
      now,
    );
    const becomesReported = status === 'reported';
    const updated: StoredSubmission = {
      ...current,
      ...prepared,
      status,
      revision: current.revision + 1,
      reporter: becomesReported
        ? { userId: principal.userId, displayName: principal.displayName }
        : current.reporter,
      updatedAt: now,
      reportedAt: becomesReported ? now : current.reportedAt,
    };
    const outbox = status !== current.status ? acceptedEvent(updated, now) : null;
    const stored = await this.repository.update({
      submission: updated,
      expectedRevision: current.revision,
      outbox,
      audit: this.audit.entryFor('update', caller, updated),
      ...(outbox === null ? {} : this.reopening(institution, updated, true, principal.userId)),
    });
    if (!stored) throw SubmissionErrors.changedMeanwhile();
    await this.audit.flush();
    return receiptOf(updated);
  }

  /** Stored values in clear with the changes applied; a tampered value blocks the edit. */
  private async mergedValues(
    caller: Caller,
    current: StoredSubmission,
    published: PublishedForm,
    changes: Readonly<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    const anatomy = formAnatomy(published.definition);
    const revealed = this.personalValues.reveal(current.values, anatomy, current.id, 'clear');
    if (revealed.integrity.length > 0) {
      await this.audit.tampering(caller, current.id, revealed.integrity);
      throw SubmissionErrors.integrityFailed();
    }
    const merged = revealed.values;
    for (const key of Object.keys(changes)) {
      if (changes[key] === null) Reflect.deleteProperty(merged, key);
      else merged[key] = changes[key];
    }
    return merged;
  }

  /** The institution filed for; whether it may file the form is `assertMayFile`'s question. */
  private async existingInstitution(id: string, path: string): Promise<InstitutionSummary> {
    const institution = await this.institutions.institution(id);
    if (institution === null) {
      throw path === ''
        ? SubmissionErrors.institutionNotApproved(path)
        : SubmissionErrors.institutionNotFound();
    }
    return institution;
  }

  /**
   * A rejected institution's own staff reporting a form it may file while under review (its
   * qualification documents) resubmits: the institution returns to pending in the same
   * unit of work as the report, so a new review starts from a consistent state.
   */
  private reopening(
    institution: InstitutionSummary,
    submission: StoredSubmission,
    filedByStaff: boolean,
    actor: string,
  ): Pick<SubmissionInsert, 'sideEffect'> {
    if (institution.status !== 'rejected' || !filedByStaff || submission.status !== 'reported') {
      return {};
    }
    return {
      sideEffect: () =>
        this.institutions.reopenRejected(institution.id, actor, `submission:${submission.formKey}`),
    };
  }

  private async publishedForm(key: string, version: number | undefined): Promise<PublishedForm> {
    if (version === undefined) {
      const current = await this.registry.currentForm(key);
      if (current === null) throw SubmissionErrors.formNotFound(key);
      return current;
    }
    const pinned = await this.registry.formVersion(key, version);
    if (pinned !== null) return pinned;
    if ((await this.registry.currentForm(key)) === null) throw SubmissionErrors.formNotFound(key);
    throw SubmissionErrors.formVersionNotFound(key, version);
  }
}
