import type { IssueReporter } from '../fields/field-checker';

/** A field-check issue held until we know whether its field is visible (hidden values are dropped). */
export interface PendingIssue {
  /** State path of the field the issue belongs to; kept only if that field ends up visible. */
  readonly owner: string;
  readonly path: string;
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>> | undefined;
}

/** A reporter that files issues under `owner`. */
export function pendingReporter(pending: PendingIssue[], owner: string): IssueReporter {
  return (path, code, params) => pending.push({ owner, path, code, params });
}
