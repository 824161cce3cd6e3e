/** What happened, in the words an auditor searches for. */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'publish',
  'read-personal',
  'unmask',
  'login',
  'login-failed',
  'logout',
  'password-change',
  'tamper-detected',
  'export',
  'interop-call',
  'file-upload',
  'file-download',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

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
  /** Entries checked and found intact (all of them when `ok`). */
  readonly entries: number;
  /**
   * Sequence number of the first entry whose hash, `prevHash` link or sequence is wrong; for a
   * deleted row, the missing number.
   */
  readonly firstBrokenSeq?: number;
  /** Why, in one English sentence. */
  readonly reason?: string;
  /**
   * Hash of the last entry when the chain is intact. Recording it elsewhere (a ticket, a
   * signed mail) lets a later check also detect rows cut off the end, which a chain alone cannot.
   */
  readonly headHash?: string;
}

/**
 * Append-only log chained with SM3: h_n = SM3(h_{n-1} ‖ canonical entry). Appends are serialised
 * so the chain has no forks; entries are kept at least 180 days.
 */
export abstract class AuditLog {
  abstract append(entry: AuditEntryInput): Promise<void>;
  abstract verify(): Promise<AuditVerification>;

  /**
   * Records the entry inside the caller's unit of work (`UnitOfWork.run`), so a write and its
   * audit row commit or vanish together (a crash right after commit cannot leave an unaudited
   * write). The entry joins the chain once the unit has committed: call `flush()` after commit
   * to chain it before answering; intents left by a crash are chained at the next start. This
   * default, for fakes and stores without transactions, appends at once.
   */
  appendInTransaction(entry: AuditEntryInput): Promise<void> {
    return this.append(entry);
  }

  /** Chains every committed intent now; resolves when they are in the chain. */
  flush(): Promise<void> {
    return Promise.resolve();
  }
}
