import { AuditLog } from './audit-log';

/** One attempt to publish a definition (a form, a dictionary, a workflow deployment). */
export interface PublicationAttempt {
  /** The collection the definition lives in: `forms`, `dictionaries`, `workflows`. */
  readonly resource: string;
  /** The definition's key; absent when the refused text did not even carry one. */
  readonly key: string | undefined;
  readonly actor: string;
  readonly outcome: 'success' | 'failure';
  /** Versions, checksums, counts or reasons; never the definition itself. */
  readonly details: Readonly<Record<string, string | number>>;
}

/**
 * The audit line of a publication, the same for the registry and for workflow deployments (a
 * deployment is the workflow's publication, so there is no separate `deploy` action).
 */
export function auditPublication(audit: AuditLog, attempt: PublicationAttempt): Promise<void> {
  return audit.append({
    action: 'publish',
    actor: attempt.actor,
    resource: attempt.resource,
    resourceId: attempt.key,
    outcome: attempt.outcome,
    details: attempt.details,
  });
}
