import { randomBytes } from 'node:crypto';
import { inScope, type DataScope } from '../../../common/auth';
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
  private readonly byId = new Map<string, StaffProfile>();
  private sequence = 0;

  newId(): string {
    return randomBytes(12).toString('hex');
  }

  insert(profile: NewStaffProfile): Promise<StaffProfile> {
    if (this.heldByOther(profile.institutionId, profile.idNumberIndex, profile.id))
      return Promise.reject(new StaffIdNumberTakenError());
    // Distinct times keep "newest first" stable however fast a test inserts.
    const now = new Date(Date.now() + this.sequence++);
    const stored = copy({ ...profile, createdAt: now, updatedAt: now });
    this.byId.set(stored.id, stored);
    return Promise.resolve(copy(stored));
  }

  existsWithUsernameIndex(usernameIndex: string): Promise<boolean> {
    return Promise.resolve([...this.byId.values()].some((s) => s.usernameIndex === usernameIndex));
  }

  list(query: StaffQuery): Promise<{ items: readonly StaffProfile[]; total: number }> {
    const matching = [...this.byId.values()]
      .filter((s) => inScope(query.scope, s))
      .filter((s) => query.institutionId === undefined || s.institutionId === query.institutionId)
      .filter(
        (s) => query.departmentCode === undefined || s.departmentCode === query.departmentCode,
      )
      .filter((s) => query.enabled === undefined || s.enabled === query.enabled)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    return Promise.resolve({
      items: matching.slice(query.skip, query.skip + query.limit).map(copy),
      total: matching.length,
    });
  }

  findInScope(id: string, scope: DataScope): Promise<StaffProfile | null> {
    const found = this.byId.get(id);
    return Promise.resolve(found !== undefined && inScope(scope, found) ? copy(found) : null);
  }

  findOwn(id: string, institutionId: string): Promise<StaffProfile | null> {
    const found = this.byId.get(id);
    return Promise.resolve(found?.institutionId === institutionId ? copy(found) : null);
  }

  idNumberHeldByOther(
    institutionId: string,
    idNumberIndex: string,
    exceptId: string,
  ): Promise<boolean> {
    return Promise.resolve(this.heldByOther(institutionId, idNumberIndex, exceptId));
  }

  update(id: string, institutionId: string, changes: StaffChanges): Promise<StaffProfile | null> {
    const found = this.byId.get(id);
    if (found?.institutionId !== institutionId) return Promise.resolve(null);
    const idNumberIndex = changes.idNumberIndex ?? found.idNumberIndex;
    if (this.heldByOther(institutionId, idNumberIndex, id))
      return Promise.reject(new StaffIdNumberTakenError());
    const updated = copy({
      ...found,
      ...changes,
      updatedAt: new Date(Math.max(Date.now(), found.updatedAt.getTime() + 1)),
    });
    this.byId.set(id, updated);
    return Promise.resolve(copy(updated));
  }

  private heldByOther(institutionId: string, idNumberIndex: string, exceptId: string): boolean {
    return [...this.byId.values()].some(
      (s) =>
        s.institutionId === institutionId && s.idNumberIndex === idNumberIndex && s.id !== exceptId,
    );
  }
}
