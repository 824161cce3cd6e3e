import type { DataScope, Role } from '../../../common/auth';
import type { EncryptedField } from '../../../crypto';

/**
 * A staff member's profile as stored: personal values only encrypted, with blind indexes for
 * exact look-ups. The login itself is the auth module's, linked by `userId`.
 */
export interface StaffProfile {
  readonly id: string;
  readonly institutionId: string;
  readonly regionPath: readonly string[];
  readonly userId: string;
  readonly name: EncryptedField;
  readonly nameIndex: string;
  readonly gender: string;
  readonly departmentCode: string;
  readonly position: string;
  readonly idType: string;
  readonly idNumber: EncryptedField;
  readonly idNumberIndex: string;
  readonly bindPhone: boolean;
  readonly phone: EncryptedField | null;
  readonly phoneIndex: string | null;
  /** Blind index of the login name (often a phone number), to find a staff member's profile. */
  readonly usernameIndex: string;
  /** The `staff-roles` dictionary code chosen in the form. */
  readonly role: string;
  /** The engine role it maps to (see staff-role-mapping.ts). */
  readonly accountRole: Role;
  readonly enabled: boolean;
  readonly formVersion: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The id comes from `newId()` first: the sealed values already name it. */
export type NewStaffProfile = Omit<StaffProfile, 'createdAt' | 'updatedAt'>;

/** What an edit or enable/disable may change; owner, scope keys, account link and login stay. */
export type StaffChanges = Partial<
  Pick<
    StaffProfile,
    | 'name'
    | 'nameIndex'
    | 'gender'
    | 'departmentCode'
    | 'position'
    | 'idType'
    | 'idNumber'
    | 'idNumberIndex'
    | 'phone'
    | 'phoneIndex'
    | 'role'
    | 'accountRole'
    | 'enabled'
    | 'formVersion'
  >
>;

export interface StaffQuery {
  readonly scope: DataScope;
  readonly institutionId?: string;
  readonly departmentCode?: string;
  readonly enabled?: boolean;
  readonly skip: number;
  readonly limit: number;
}

/** The institution already has a profile with this ID number (one per person and institution). */
export class StaffIdNumberTakenError extends Error {
  constructor() {
    super('a staff profile with this ID number exists in the institution');
    this.name = 'StaffIdNumberTakenError';
  }
}

/** Storage of staff profiles (collection `staff`); writes join the caller's unit of work. */
export abstract class StaffStore {
  /** A fresh id in the store's format, for a profile about to be inserted. */
  abstract newId(): string;
  /** Throws `StaffIdNumberTakenError` when the institution has the ID number already. */
  abstract insert(profile: NewStaffProfile): Promise<StaffProfile>;
  abstract existsWithUsernameIndex(usernameIndex: string): Promise<boolean>;
  /** Newest first. */
  abstract list(query: StaffQuery): Promise<{ items: readonly StaffProfile[]; total: number }>;
  /** Null when missing, malformed or outside the scope: callers answer the same 404. */
  abstract findInScope(id: string, scope: DataScope): Promise<StaffProfile | null>;
  /** Null unless the profile belongs to `institutionId`. */
  abstract findOwn(id: string, institutionId: string): Promise<StaffProfile | null>;
  /** True when another profile of the institution holds this ID number. */
  abstract idNumberHeldByOther(
    institutionId: string,
    idNumberIndex: string,
    exceptId: string,
  ): Promise<boolean>;
  /** The profile after the change, or null when it is not the institution's; may throw `StaffIdNumberTakenError`. */
  abstract update(
    id: string,
    institutionId: string,
    changes: StaffChanges,
  ): Promise<StaffProfile | null>;
}
