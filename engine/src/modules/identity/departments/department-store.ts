import type { DataScope } from '../../../common/auth';

/** A department of an institution. */
export interface Department {
  readonly id: string;
  readonly institutionId: string;
  readonly regionPath: readonly string[];
  /** Self-defined by the clinic (e.g. `001`); unique within the institution. */
  readonly code: string;
  readonly name: string;
  readonly medicalSubject: string | null;
  readonly enabled: boolean;
  readonly formVersion: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type NewDepartment = Omit<Department, 'id' | 'createdAt' | 'updatedAt'>;

/** What a department form may change. */
export type DepartmentChanges = Pick<
  Department,
  'code' | 'name' | 'medicalSubject' | 'enabled' | 'formVersion'
>;

export interface DepartmentQuery {
  readonly scope: DataScope;
  readonly institutionId?: string;
  readonly enabled?: boolean;
  readonly skip: number;
  readonly limit: number;
}

/** The institution already has a department with this code. */
export class DepartmentCodeTakenError extends Error {
  constructor(readonly code: string) {
    super(`department code ${code} is taken`);
    this.name = 'DepartmentCodeTakenError';
  }
}

/**
 * Storage of departments (collection `departments`); writes join the caller's unit of work.
 * Malformed ids are simply "not found".
 */
export abstract class DepartmentStore {
  /** @throws DepartmentCodeTakenError */
  abstract insert(department: NewDepartment): Promise<Department>;
  /** Ordered by institution, then code. */
  abstract list(query: DepartmentQuery): Promise<{ items: readonly Department[]; total: number }>;
  abstract findInScope(id: string, scope: DataScope): Promise<Department | null>;
  abstract findOwn(id: string, institutionId: string): Promise<Department | null>;
  abstract findByCode(institutionId: string, code: string): Promise<Department | null>;
  /** Null when there is no such department of the institution. @throws DepartmentCodeTakenError */
  abstract update(
    id: string,
    institutionId: string,
    changes: DepartmentChanges,
  ): Promise<Department | null>;
  abstract remove(id: string, institutionId: string): Promise<void>;
}

/** Records of other collections that name a department by its code (staff, qualifications). */
export abstract class DepartmentReferences {
  abstract count(institutionId: string, code: string): Promise<number>;
}
