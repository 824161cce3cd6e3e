import type { DataScope } from '../../common/auth';
import type { InstitutionStatus } from './institution-directory';

export const INSTITUTION_STATUSES: readonly InstitutionStatus[] = [
  'pending',
  'approved',
  'rejected',
  'suspended',
];

/** One decision on a clinic's status, kept so a review can be traced. */
export interface StatusChange {
  readonly status: InstitutionStatus;
  readonly reason: string | null;
  readonly actor: string;
  readonly at: Date;
}

/** A clinic's address is the clinic's, not a person's: stored in clear. */
export interface InstitutionAddress {
  readonly region: string;
  readonly detail: string;
}

/** An institution (clinic) as the identity module works with it. */
export interface Institution {
  readonly id: string;
  readonly name: string;
  /** The name normalised for uniqueness (see `institutionNameKey`). */
  readonly nameKey: string;
  readonly type: string;
  readonly address: InstitutionAddress;
  readonly insuranceDesignated: boolean;
  /** District-level region the clinic belongs to (the address's region). */
  readonly regionCode: string;
  readonly regionPath: readonly string[];
  readonly status: InstitutionStatus;
  readonly statusHistory: readonly StatusChange[];
  /** The first account; null only inside the registration unit of work that creates both. */
  readonly adminUserId: string | null;
  /** Version of the `clinic-registration` form the registration was validated against. */
  readonly formVersion: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type NewInstitution = Omit<Institution, 'createdAt' | 'updatedAt'>;

/** Filters of the clinic list; the scope is always applied. */
export interface InstitutionQuery {
  readonly scope: DataScope;
  readonly status?: InstitutionStatus;
  /** Only institutions under this region. */
  readonly regionCode?: string;
  /** Part of the normalised name, matched literally. */
  readonly nameKeyContains?: string;
  readonly skip: number;
  readonly limit: number;
}

/** Another institution already has this normalised name. */
export class InstitutionNameTakenError extends Error {
  constructor(readonly nameKey: string) {
    super(`an institution named ${nameKey} exists`);
    this.name = 'InstitutionNameTakenError';
  }
}

/**
 * Storage of institutions (collection `institutions`). Writes join the caller's unit of work.
 * An institution user's scope matches the institution itself (its id), a region scope its
 * region path. Malformed ids are simply "not found".
 */
export abstract class InstitutionStore {
  abstract newId(): string;
  /** @throws InstitutionNameTakenError when the normalised name is taken. */
  abstract insert(institution: NewInstitution): Promise<void>;
  abstract findById(id: string): Promise<Institution | null>;
  abstract findByNameKey(nameKey: string): Promise<Institution | null>;
  abstract findInScope(id: string, scope: DataScope): Promise<Institution | null>;
  /** Newest first. */
  abstract list(query: InstitutionQuery): Promise<{ items: readonly Institution[]; total: number }>;
  /** Records the first account and appends `change` to the history. */
  abstract setAdmin(id: string, adminUserId: string, change: StatusChange): Promise<void>;
  /**
   * Sets `change.status` and appends `change` to the history, only while the status is still
   * `from` (so two deciders cannot both win); null when it is not (or there is no such id).
   */
  abstract changeStatus(
    id: string,
    from: InstitutionStatus,
    change: StatusChange,
  ): Promise<Institution | null>;
}

/**
 * Institution names are unique after trimming, folding full-width characters (NFKC) and
 * collapsing inner white space, so `东莞市某诊所 ` and `东莞市某诊所` are the same clinic.
 */
export function institutionNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}
