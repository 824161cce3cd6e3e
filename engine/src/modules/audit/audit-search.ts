import type { AuditAction } from './audit-log';

/** Filters of the admin audit list; every one optional, all combined with AND. */
export interface AuditSearchQuery {
  readonly actor?: string;
  readonly action?: AuditAction;
  readonly resource?: string;
  /** Inclusive lower bound of `at`. */
  readonly from?: Date;
  /** Inclusive upper bound of `at`. */
  readonly to?: Date;
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

/** One entry as the admin API shows it: the stored row without the driver's id. */
export interface AuditEntryView {
  readonly seq: number;
  readonly at: string;
  readonly action: string;
  readonly actor: string;
  readonly resource: string;
  readonly resourceId: string | null;
  readonly outcome: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly ip: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditPage {
  readonly items: readonly AuditEntryView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** Reading the audit trail, newest first; separate from AuditLog so writers never depend on it. */
export abstract class AuditSearch {
  abstract search(query: AuditSearchQuery): Promise<AuditPage>;
}
