import type { IntegrityNote } from '../../personal-data';

/** One family member: a stable id and the row's values. */
export interface FamilyMemberView {
  readonly id: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** A patient's own record as they see it (masked unless they ask for clear values). */
export interface PatientView {
  readonly id: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly familyMembers: readonly FamilyMemberView[];
  readonly formVersion: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Stored values that failed their integrity check; paths point into the stored values. */
  readonly integrity?: readonly IntegrityNote[];
}

export interface PatientRegistered {
  readonly patientId: string;
  readonly userId: string;
}
