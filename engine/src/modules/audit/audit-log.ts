/** What happened, in the words an auditor searches for. */
export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'publish'
  | 'read-personal'
  | 'unmask'
  | 'login'
  | 'login-failed'
  | 'logout'
  | 'password-change'
  | 'tamper-detected'
  | 'export'
  | 'interop-call'
  | 'file-upload'
  | 'file-download';

/** One audit entry as a caller supplies it; the log adds sequence, time and hashes. */
export interface AuditEntryInput {
  readonly action: AuditAction;
  /** User id, or `system` / `anonymous`. */
  readonly actor: string;
  /** Collection or resource kind, e.g. `submissions`, `forms`, `users`. */
  readonly resource: string;
  readonly resourceId?: string;
  readonly outcome?: 'success' | 'failure';
  /** Small, non-personal details (field names, versions, reasons) — never personal values. */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
  readonly ip?: string;
}

/** First broken link found by verification, or none. */
export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** Sequence number of the first entry whose hash does not match. */
  readonly firstBrokenSeq?: number;
  readonly reason?: string;
}

/**
 * Append-only log chained with SM3: h_n = SM3(h_{n-1} ‖ canonical entry). Appends are serialised
 * so the chain has no forks; entries are kept at least 180 days.
 */
export abstract class AuditLog {
  abstract append(entry: AuditEntryInput): Promise<void>;
  abstract verify(): Promise<AuditVerification>;
}
