import type { DataScope } from '../../../common/auth';
import { InMemoryInstitutionRecords } from '../shared/in-memory-institution-records';
import {
  StaffIdNumberTakenError,
  StaffStore,
  type NewStaffProfile,
  type StaffChanges,
  type StaffProfile,
  type StaffQuery,
} from './staff-store';

function copy(profile: StaffProfile): StaffProfile {
  return { ...profile, regionPath: [...profile.regionPath] };
}

/** Staff profiles in a map, for unit tests; passes the same contract as the Mongo adapter. */
export class InMemoryStaffStore extends StaffStore {
  private readonly records = new InMemoryInstitutionRecords<StaffProfile>(copy);

  newId(): string {
    return this.records.newId();
  }

  insert(profile: NewStaffProfile): Promise<StaffProfile> {
    if (this.heldByOther(profile.institutionId, profile.idNumberIndex, profile.id))
      return Promise.reject(new StaffIdNumberTakenError());
    return Promise.resolve(this.records.insert(profile));
  }

  existsWithUsernameIndex(usernameIndex: string): Promise<boolean> {
    return Promise.resolve(this.records.all().some((s) => s.usernameIndex === usernameIndex));
  }

  list(query: StaffQuery): Promise<{ items: readonly StaffProfile[]; total: number }> {
    return Promise.resolve(
      this.records.page(
        query,
        (s) =>
          (query.institutionId === undefined || s.institutionId === query.institutionId) &&
          (query.departmentCode === undefined || s.departmentCode === query.departmentCode) &&
          (query.enabled === undefined || s.enabled === query.enabled),
      ),
    );
  }

  findInScope(id: string, scope: DataScope): Promise<StaffProfile | null> {
    return Promise.resolve(this.records.findInScope(id, scope));
  }

  findOwn(id: string, institutionId: string): Promise<StaffProfile | null> {
    return Promise.resolve(this.records.findOwn(id, institutionId));
  }

  idNumberHeldByOther(
    institutionId: string,
    idNumberIndex: string,
    exceptId: string,
  ): Promise<boolean> {
    return Promise.resolve(this.heldByOther(institutionId, idNumberIndex, exceptId));
  }

  update(id: string, institutionId: string, changes: StaffChanges): Promise<StaffProfile | null> {
    const found = this.records.findOwn(id, institutionId);
    if (found === null) return Promise.resolve(null);
    const idNumberIndex = changes.idNumberIndex ?? found.idNumberIndex;
    if (this.heldByOther(institutionId, idNumberIndex, id))
      return Promise.reject(new StaffIdNumberTakenError());
    return Promise.resolve(this.records.update(id, institutionId, changes));
  }

  private heldByOther(institutionId: string, idNumberIndex: string, exceptId: string): boolean {
    return this.records
      .all()
      .some(
        (s) =>
          s.institutionId === institutionId &&
          s.idNumberIndex === idNumberIndex &&
          s.id !== exceptId,
      );
  }
}
