import { Injectable } from '@nestjs/common';
import type { Value } from '@sentinel/definitions';
import { isEncryptedField } from '../../crypto';
import { Clock } from '../../common/clock';
import { PatientDirectory } from '../identity';
import type { FormAnatomy } from './form-anatomy';
import { SUBMISSIONS_COLLECTION } from '../personal-data';
import { SubmissionAudit } from './submission-audit';
import { SubmissionReader } from './submission-reader.service';
import { SubmissionRepository } from './submission.repository';
import type { SubmissionStatus, WorkflowOutcome } from './submission.types';

/** A report as a workflow may see it: where it belongs and its values without personal ones. */
export interface SubmissionForWorkflow {
  readonly id: string;
  readonly formKey: string;
  readonly formVersion: number;
  readonly status: SubmissionStatus;
  readonly institutionId: string;
  readonly regionPath: readonly string[];
  readonly derived: Readonly<Record<string, Value>>;
  /** Every value except personal fields (top-level and inside repeats): safe as process variables. */
  readonly values: Readonly<Record<string, unknown>>;
}

export interface ReleaseResult {
  /** False when this idempotency key had released it already (nothing written this time). */
  readonly released: boolean;
  /** Patient records the report became readable by in this call. */
  readonly patientCount: number;
}

/** The report a worker acts on does not exist: a technical failure (retried, then an incident). */
export class SubmissionMissingError extends Error {
  constructor(readonly submissionId: string) {
    super(`submission ${submissionId} does not exist`);
    this.name = 'SubmissionMissingError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `values` minus personal fields; any ciphertext left over is dropped too, whatever its field. */
export function nonPersonalValues(
  values: Readonly<Record<string, unknown>>,
  anatomy: FormAnatomy,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (anatomy.personalByKey.has(key) || isEncryptedField(value)) continue;
    if (!Array.isArray(value)) {
      out[key] = value;
      continue;
    }
    const personalChildren = new Set(
      anatomy.personal.filter((p) => p.repeat === key).map((p) => p.key),
    );
    out[key] = value.map((row: unknown) =>
      isRecord(row)
        ? Object.fromEntries(
            Object.entries(row).filter(
              ([k, v]) => !personalChildren.has(k) && !isEncryptedField(v),
            ),
          )
        : row,
    );
  }
  return out;
}

/**
 * What the workflow module may do with reports, as the system rather than a user: read a
 * report's non-personal values (a process's `startVariables`) and release a report to the
 * patients it concerns. Not behind any HTTP route; callers are the outbox starter and workers.
 */
@Injectable()
export class WorkflowSubmissions {
  constructor(
    private readonly repository: SubmissionRepository,
    private readonly reader: SubmissionReader,
    private readonly patients: PatientDirectory,
    private readonly audit: SubmissionAudit,
    private readonly clock: Clock,
  ) {}

  /** The report without personal values, or null when there is none with this id. */
  async nonPersonal(submissionId: string): Promise<SubmissionForWorkflow | null> {
    const stored = await this.repository.findAsSystem(submissionId);
    if (stored === null) return null;
    const anatomy = await this.reader.anatomyOf(stored);
    return {
      id: stored.id,
      formKey: stored.formKey,
      formVersion: stored.formVersion,
      status: stored.status,
      institutionId: stored.institutionId,
      regionPath: stored.regionPath,
      derived: stored.outcome.derived,
      values: nonPersonalValues(stored.values, anatomy),
    };
  }

  /**
   * Records how a process the report started ended (idempotent: the same outcome twice writes
   * the same thing), with an audit row. Unknown report → SubmissionMissingError.
   */
  async recordOutcome(
    submissionId: string,
    workflowKey: string,
    outcome: WorkflowOutcome,
  ): Promise<void> {
    const found = await this.repository.recordWorkflowOutcome(submissionId, workflowKey, outcome);
    if (!found) throw new SubmissionMissingError(submissionId);
    await this.audit.appendSystem({
      action: 'update',
      actor: 'system',
      resource: SUBMISSIONS_COLLECTION,
      resourceId: submissionId,
      outcome: 'success',
      details: { workflowKey, decision: outcome.decision },
    });
  }

  /**
   * Makes the report readable by every registered patient whose ID number (own or a family
   * member's) matches one of the report's, by blind-index token only. Idempotent per key: a
   * redelivered job finds the release done and writes nothing.
   * @throws SubmissionMissingError
   */
  async releaseToPatients(submissionId: string, idempotencyKey: string): Promise<ReleaseResult> {
    const stored = await this.repository.findAsSystem(submissionId);
    if (stored === null) throw new SubmissionMissingError(submissionId);
    if (stored.releaseKey === idempotencyKey) return { released: false, patientCount: 0 };
    const patientIds = await this.patients.patientIdsByIdNumberTokens(stored.blind.idNumber);
    const outcome = await this.repository.release({
      submissionId,
      patientIds,
      key: idempotencyKey,
      at: this.clock.now(),
      audit: {
        action: 'update',
        actor: 'system',
        resource: SUBMISSIONS_COLLECTION,
        resourceId: submissionId,
        outcome: 'success',
        details: {
          formKey: stored.formKey,
          releasedToPatients: patientIds.length,
          releaseKey: idempotencyKey,
        },
      },
    });
    if (!outcome.found) throw new SubmissionMissingError(submissionId);
    await this.audit.flush();
    return { released: outcome.released, patientCount: outcome.released ? patientIds.length : 0 };
  }
}
