import type { DataScope } from '../../../common/auth';

/**
 * A doctor's qualification as stored: the form's values with personal fields sealed in place,
 * plus the keys queries and scope checks need in clear.
 */
export interface DoctorQualification {
  readonly id: string;
  readonly institutionId: string;
  readonly regionPath: readonly string[];
  readonly values: Readonly<Record<string, unknown>>;
  readonly departmentCode: string;
  readonly idNumberIndex: string;
  /** The staff profile with the same ID number in the institution, when there is one. */
  readonly staffId: string | null;
  readonly createdBy: string;
  readonly formVersion: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The id comes from `newId()` first: sealed values and file references already name it. */
export type NewDoctorQualification = Omit<DoctorQualification, 'createdAt' | 'updatedAt'>;

/** What an edit may change; the owner, scope keys and author stay. */
export type DoctorQualificationChanges = Pick<
  DoctorQualification,
  'values' | 'departmentCode' | 'idNumberIndex' | 'staffId' | 'formVersion'
>;

export interface DoctorQualificationQuery {
  readonly scope: DataScope;
  readonly institutionId?: string;
  readonly skip: number;
  readonly limit: number;
}

/** Storage of doctors' qualifications (collection `doctor_qualifications`). */
export abstract class DoctorQualificationStore {
  /** A fresh id in the store's format, for a record about to be inserted. */
  abstract newId(): string;
  abstract insert(qualification: NewDoctorQualification): Promise<DoctorQualification>;
  /** Newest first. */
  abstract list(
    query: DoctorQualificationQuery,
  ): Promise<{ items: readonly DoctorQualification[]; total: number }>;
  /** Null when missing, malformed or outside the scope: callers answer the same 404. */
  abstract findInScope(id: string, scope: DataScope): Promise<DoctorQualification | null>;
  /** Null unless the record belongs to `institutionId`. */
  abstract findOwn(id: string, institutionId: string): Promise<DoctorQualification | null>;
  /** The record after the change, or null when it is not the institution's. */
  abstract update(
    id: string,
    institutionId: string,
    changes: DoctorQualificationChanges,
  ): Promise<DoctorQualification | null>;
  /** The id of the institution's staff profile of the same person, or null when none. */
  abstract matchingStaffId(institutionId: string, idNumberIndex: string): Promise<string | null>;
}
