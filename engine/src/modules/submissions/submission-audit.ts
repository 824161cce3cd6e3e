import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth';
import { AuditLog, type AuditEntryInput } from '../audit';
import type { IntegrityIssue } from '../personal-data';
import type { StoredSubmission } from './submission.types';

/** Who asks, from where (every audit row names both). */
export interface Caller {
  readonly principal: Principal;
  readonly ip?: string;
}

const RESOURCE = 'submissions';

/**
 * The audit rows of the submissions module. Details are form key, version, status, field
 * paths and counts: never a personal value.
 */
@Injectable()
export class SubmissionAudit {
  constructor(private readonly audit: AuditLog) {}

  /** The entry of a create or update, written by the repository in the same transaction. */
  entryFor(
    action: 'create' | 'update',
    caller: Caller,
    submission: StoredSubmission,
  ): AuditEntryInput {
    return {
      action,
      actor: caller.principal.userId,
      resource: RESOURCE,
      resourceId: submission.id,
      outcome: 'success',
      details: {
        formKey: submission.formKey,
        formVersion: submission.formVersion,
        status: submission.status,
      },
      ...(caller.ip === undefined ? {} : { ip: caller.ip }),
    };
  }

  /** Chains the entries committed with the write before the caller is answered. */
  /** A change the system made to a report on a process's behalf (outside any user's request). */
  appendSystem(entry: AuditEntryInput): Promise<void> {
    return this.audit.append(entry);
  }

  flush(): Promise<void> {
    return this.audit.flush();
  }

  /** A read of personal data (`read-personal`), plus `unmask` when it was read in clear. */
  async read(
    caller: Caller,
    unmasked: boolean,
    resourceId: string | undefined,
    details: Readonly<Record<string, string | number | boolean>>,
  ): Promise<void> {
    const actions = unmasked
      ? (['read-personal', 'unmask'] as const)
      : (['read-personal'] as const);
    for (const action of actions) {
      await this.audit.append({
        action,
        actor: caller.principal.userId,
        resource: RESOURCE,
        ...(resourceId === undefined ? {} : { resourceId }),
        outcome: 'success',
        details,
        ip: caller.ip,
      });
    }
  }

  /** One row per personal value that failed its integrity check. */
  async tampering(
    caller: Caller,
    submissionId: string,
    issues: readonly IntegrityIssue[],
  ): Promise<void> {
    for (const issue of issues) {
      await this.audit.append({
        action: 'tamper-detected',
        actor: caller.principal.userId,
        resource: RESOURCE,
        resourceId: submissionId,
        outcome: 'failure',
        details: { field: issue.path, reason: issue.reason },
        ip: caller.ip,
      });
    }
  }
}
