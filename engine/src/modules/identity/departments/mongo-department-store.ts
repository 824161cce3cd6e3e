import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import { scopeFilter, type DataScope } from '../../../common/auth';
import { ambientSession, duplicateKeyField } from '../../../database';
import {
  DOCTOR_QUALIFICATION_MODEL,
  type DoctorQualificationRecord,
} from '../qualifications/doctor-qualification.schema';
import { onlyCreated, parseRecordId } from '../shared/mongo-record-id';
import { STAFF_MODEL, type StaffRecord } from '../staff/staff.schema';
import {
  DepartmentCodeTakenError,
  DepartmentReferences,
  DepartmentStore,
  type Department,
  type DepartmentChanges,
  type DepartmentQuery,
  type NewDepartment,
} from './department-store';
import { DEPARTMENT_MODEL, type DepartmentRecord } from './department.schema';

function toDepartment({ _id, ...record }: DepartmentRecord): Department {
  return { id: _id.toHexString(), ...record };
}

function codeTaken(error: unknown, code: string): unknown {
  return duplicateKeyField(error, ['code']) !== null ? new DepartmentCodeTakenError(code) : error;
}

/** The `departments` collection; the only file that touches the Department model. */
@Injectable()
export class MongoDepartmentStore extends DepartmentStore {
  constructor(
    @InjectModel(DEPARTMENT_MODEL) private readonly departments: Model<DepartmentRecord>,
  ) {
    super();
  }

  async insert(department: NewDepartment): Promise<Department> {
    try {
      const created = onlyCreated(
        await this.departments.create([{ ...department, regionPath: [...department.regionPath] }], {
          session: ambientSession(),
        }),
      );
      return toDepartment(created.toObject());
    } catch (error) {
      throw codeTaken(error, department.code);
    }
  }

  async list(query: DepartmentQuery): Promise<{ items: readonly Department[]; total: number }> {
    const conditions: QueryFilter<DepartmentRecord>[] = [scopeFilter(query.scope)];
    if (query.institutionId !== undefined) conditions.push({ institutionId: query.institutionId });
    if (query.enabled !== undefined) conditions.push({ enabled: query.enabled });
    const filter = { $and: conditions };
    const [records, total] = await Promise.all([
      this.departments
        .find(filter)
        .sort({ institutionId: 1, code: 1 })
        .skip(query.skip)
        .limit(query.limit)
        .lean<DepartmentRecord[]>(),
      this.departments.countDocuments(filter),
    ]);
    return { items: records.map(toDepartment), total };
  }

  async findInScope(id: string, scope: DataScope): Promise<Department | null> {
    const _id = parseRecordId(id);
    return _id === null ? null : this.findOne({ $and: [{ _id }, scopeFilter(scope)] });
  }

  async findOwn(id: string, institutionId: string): Promise<Department | null> {
    const _id = parseRecordId(id);
    return _id === null ? null : this.findOne({ _id, institutionId });
  }

  findByCode(institutionId: string, code: string): Promise<Department | null> {
    return this.findOne({ institutionId, code });
  }

  async update(
    id: string,
    institutionId: string,
    changes: DepartmentChanges,
  ): Promise<Department | null> {
    const _id = parseRecordId(id);
    if (_id === null) return null;
    try {
      const updated = await this.departments
        .findOneAndUpdate(
          { _id, institutionId },
          { $set: changes },
          { returnDocument: 'after', session: ambientSession() },
        )
        .lean<DepartmentRecord>();
      return updated === null ? null : toDepartment(updated);
    } catch (error) {
      throw codeTaken(error, changes.code);
    }
  }

  async remove(id: string, institutionId: string): Promise<void> {
    const _id = parseRecordId(id);
    if (_id === null) return;
    await this.departments.deleteOne({ _id, institutionId }, { session: ambientSession() });
  }

  private async findOne(filter: QueryFilter<DepartmentRecord>): Promise<Department | null> {
    const found = await this.departments
      .findOne(filter)
      .session(ambientSession() ?? null)
      .lean<DepartmentRecord>();
    return found === null ? null : toDepartment(found);
  }
}

/** Staff and doctor qualifications naming a department, counted in their own collections. */
@Injectable()
export class MongoDepartmentReferences extends DepartmentReferences {
  constructor(
    @InjectModel(STAFF_MODEL) private readonly staff: Model<StaffRecord>,
    @InjectModel(DOCTOR_QUALIFICATION_MODEL)
    private readonly qualifications: Model<DoctorQualificationRecord>,
  ) {
    super();
  }

  async count(institutionId: string, code: string): Promise<number> {
    const filter = { institutionId, departmentCode: code };
    const [staff, qualifications] = await Promise.all([
      this.staff.countDocuments(filter),
      this.qualifications.countDocuments(filter),
    ]);
    return staff + qualifications;
  }
}
