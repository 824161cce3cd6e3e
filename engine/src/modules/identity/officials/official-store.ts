import type { OfficialRole } from './official.schema';

/**
 * Who a regulator or policy editor is and which region node they answer for. The login itself is
 * the auth module's; this record is what lets administrators list the accounts of their region.
 */
export interface Official {
  readonly id: string;
  readonly userId: string;
  /** Work logins (`gd-dg-reviewer-01`), not personal data: kept in clear for the list. */
  readonly username: string;
  readonly displayName: string;
  readonly role: OfficialRole;
  readonly regionCode: string;
  readonly regionPath: readonly string[];
  /** Fever clinic staff: the clinic's `fever-clinics` code; absent for every other role. */
  readonly organisationCode?: string;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export type NewOfficialRecord = Omit<Official, 'id' | 'createdAt'>;

/** The official list: always bounded to the region node `withinRegion`. */
export interface OfficialQuery {
  readonly withinRegion: string;
  readonly role?: OfficialRole;
  readonly regionCode?: string;
  readonly skip: number;
  readonly limit: number;
}

/** Storage of officials (collection `officials`); writes join the caller's unit of work. */
export abstract class OfficialStore {
  /** Throws the store's duplicate-key error when the user id or username is taken. */
  abstract insert(official: NewOfficialRecord): Promise<Official>;
  /** Newest first. */
  abstract list(query: OfficialQuery): Promise<{ items: readonly Official[]; total: number }>;
  abstract existsWithUsername(username: string): Promise<boolean>;
}
