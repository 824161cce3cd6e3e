import type { Role } from '../../../common/auth';
import type { IntegrityNote } from '../../personal-data';

/** A staff member as answers show it; personal values masked unless unmasked with permission. */
export interface StaffView {
  readonly id: string;
  readonly userId: string;
  readonly institutionId: string;
  readonly staffName: unknown;
  readonly gender: string;
  readonly departmentCode: string;
  readonly position: string;
  readonly idType: string;
  readonly idNumber: unknown;
  readonly bindPhone: boolean;
  readonly bindPhoneNumber: unknown;
  readonly role: string;
  readonly accountRole: Role;
  readonly enabled: boolean;
  readonly formVersion: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Stored values that failed their integrity check (shown as null). */
  readonly integrity?: readonly IntegrityNote[];
}
