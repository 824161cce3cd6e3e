import type { DataScope } from '../../../common/auth';
import { InMemoryInstitutionRecords } from '../shared/in-memory-institution-records';
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
  private readonly records = new InMemoryInstitutionRecords<DoctorQualification>(copy);

  /** `staffProfiles`: what `matchingStaffId` finds (the Mongo adapter reads the staff collection). */
  constructor(private readonly staffProfiles: readonly KnownStaffProfile[] = []) {
    super();
  }

  newId(): string {
    return this.records.newId();
  }

  insert(qualification: NewDoctorQualification): Promise<DoctorQualification> {
    return Promise.resolve(this.records.insert(qualification));
  }

  list(
    query: DoctorQualificationQuery,
  ): Promise<{ items: readonly DoctorQualification[]; total: number }> {
    return Promise.resolve(
      this.records.page(
        query,
        (q) => query.institutionId === undefined || q.institutionId === query.institutionId,
      ),
    );
  }

  findInScope(id: string, scope: DataScope): Promise<DoctorQualification | null> {
    return Promise.resolve(this.records.findInScope(id, scope));
  }

  findOwn(id: string, institutionId: string): Promise<DoctorQualification | null> {
    return Promise.resolve(this.records.findOwn(id, institutionId));
  }

  update(
    id: string,
    institutionId: string,
    changes: DoctorQualificationChanges,
  ): Promise<DoctorQualification | null> {
    return Promise.resolve(this.records.update(id, institutionId, changes));
  }

  matchingStaffId(institutionId: string, idNumberIndex: string): Promise<string | null> {
    const match = this.staffProfiles.find(
      (s) => s.institutionId === institutionId && s.idNumberIndex === idNumberIndex,
    );
    return Promise.resolve(match?.id ?? null);
  }
}
