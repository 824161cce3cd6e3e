import { randomBytes } from 'node:crypto';
import { inScope, type DataScope } from '../../../common/auth';
import {
  DoctorQualificationStore,
  type DoctorQualification,
  type DoctorQualificationChanges,
  type DoctorQualificationQuery,
  type NewDoctorQualification,
} from './doctor-qualification-store';

/** A staff profile as far as matching a qualification to it needs. */
export interface KnownStaffProfile {
  readonly id: string;
  readonly institutionId: string;
  readonly idNumberIndex: string;
}

function copy(q: DoctorQualification): DoctorQualification {
  return { ...q, regionPath: [...q.regionPath], values: { ...q.values } };
}

/** Qualifications in a map, for unit tests; passes the same contract as the Mongo adapter. */
export class InMemoryDoctorQualificationStore extends DoctorQualificationStore {
  private readonly byId = new Map<string, DoctorQualification>();
  private sequence = 0;

  /** `staffProfiles`: what `matchingStaffId` finds (the Mongo adapter reads the staff collection). */
  constructor(private readonly staffProfiles: readonly KnownStaffProfile[] = []) {
    super();
  }

  newId(): string {
    return randomBytes(12).toString('hex');
  }

  insert(qualification: NewDoctorQualification): Promise<DoctorQualification> {
    // Distinct times keep "newest first" stable however fast a test inserts.
    const now = new Date(Date.now() + this.sequence++);
    const stored = copy({ ...qualification, createdAt: now, updatedAt: now });
    this.byId.set(stored.id, stored);
    return Promise.resolve(copy(stored));
  }

  list(
    query: DoctorQualificationQuery,
  ): Promise<{ items: readonly DoctorQualification[]; total: number }> {
    const matching = [...this.byId.values()]
      .filter((q) => inScope(query.scope, q))
      .filter((q) => query.institutionId === undefined || q.institutionId === query.institutionId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    return Promise.resolve({
      items: matching.slice(query.skip, query.skip + query.limit).map(copy),
      total: matching.length,
    });
  }

  findInScope(id: string, scope: DataScope): Promise<DoctorQualification | null> {
    const found = this.byId.get(id);
    return Promise.resolve(found !== undefined && inScope(scope, found) ? copy(found) : null);
  }

  findOwn(id: string, institutionId: string): Promise<DoctorQualification | null> {
    const found = this.byId.get(id);
    return Promise.resolve(found?.institutionId === institutionId ? copy(found) : null);
  }

  update(
    id: string,
    institutionId: string,
    changes: DoctorQualificationChanges,
  ): Promise<DoctorQualification | null> {
    const found = this.byId.get(id);
    if (found?.institutionId !== institutionId) return Promise.resolve(null);
    const updated = copy({
      ...found,
      ...changes,
      updatedAt: new Date(Math.max(Date.now(), found.updatedAt.getTime() + 1)),
    });
    this.byId.set(id, updated);
    return Promise.resolve(copy(updated));
  }

  matchingStaffId(institutionId: string, idNumberIndex: string): Promise<string | null> {
    const match = this.staffProfiles.find(
      (s) => s.institutionId === institutionId && s.idNumberIndex === idNumberIndex,
    );
    return Promise.resolve(match?.id ?? null);
  }
}
