import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model, type QueryFilter } from 'mongoose';
import { scopeFilter, type DataScope } from '../../../common/auth';
import { ambientSession } from '../../../database';
import { onlyCreated, parseRecordId } from '../shared/mongo-record-id';
import { STAFF_MODEL, type StaffRecord } from '../staff/staff.schema';
import {
  DoctorQualificationStore,
  type DoctorQualification,
  type DoctorQualificationChanges,
  type DoctorQualificationQuery,
  type NewDoctorQualification,
} from './doctor-qualification-store';
import {
  DOCTOR_QUALIFICATION_MODEL,
  type DoctorQualificationRecord,
} from './doctor-qualification.schema';

function toQualification({ _id, ...record }: DoctorQualificationRecord): DoctorQualification {
  return { id: _id.toHexString(), ...record };
}

/**
 * The `doctor_qualifications` collection; the only file that touches the DoctorQualification
 * model (and reads the staff collection for the profile of the same person).
 */
@Injectable()
export class MongoDoctorQualificationStore extends DoctorQualificationStore {
  constructor(
    @InjectModel(DOCTOR_QUALIFICATION_MODEL)
    private readonly qualifications: Model<DoctorQualificationRecord>,
    @InjectModel(STAFF_MODEL) private readonly staff: Model<StaffRecord>,
  ) {
    super();
  }

  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  async insert({ id, ...qualification }: NewDoctorQualification): Promise<DoctorQualification> {
    const created = onlyCreated(
      await this.qualifications.create(
        [
          {
            ...qualification,
            _id: new Types.ObjectId(id),
            regionPath: [...qualification.regionPath],
            values: { ...qualification.values },
          },
        ],
        { session: ambientSession() },
      ),
    );
    return toQualification(created.toObject());
  }

  async list(
    query: DoctorQualificationQuery,
  ): Promise<{ items: readonly DoctorQualification[]; total: number }> {
    const conditions: QueryFilter<DoctorQualificationRecord>[] = [scopeFilter(query.scope)];
    if (query.institutionId !== undefined) conditions.push({ institutionId: query.institutionId });
    const filter = { $and: conditions };
    const [records, total] = await Promise.all([
      this.qualifications
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip(query.skip)
        .limit(query.limit)
        .lean<DoctorQualificationRecord[]>(),
      this.qualifications.countDocuments(filter),
    ]);
    return { items: records.map(toQualification), total };
  }

  async findInScope(id: string, scope: DataScope): Promise<DoctorQualification | null> {
    const _id = parseRecordId(id);
    return _id === null ? null : this.findOne({ $and: [{ _id }, scopeFilter(scope)] });
  }

  async findOwn(id: string, institutionId: string): Promise<DoctorQualification | null> {
    const _id = parseRecordId(id);
    return _id === null ? null : this.findOne({ _id, institutionId });
  }

  async update(
    id: string,
    institutionId: string,
    changes: DoctorQualificationChanges,
  ): Promise<DoctorQualification | null> {
    const _id = parseRecordId(id);
    if (_id === null) return null;
    const updated = await this.qualifications
      .findOneAndUpdate(
        { _id, institutionId },
        { $set: { ...changes, values: { ...changes.values } } },
        { returnDocument: 'after', session: ambientSession() },
      )
      .lean<DoctorQualificationRecord>();
    return updated === null ? null : toQualification(updated);
  }

  async matchingStaffId(institutionId: string, idNumberIndex: string): Promise<string | null> {
    const match = await this.staff
      .findOne({ institutionId, idNumberIndex }, { _id: 1 })
      .lean<{ _id: Types.ObjectId }>();
    return match === null ? null : match._id.toHexString();
  }

  private async findOne(
    filter: QueryFilter<DoctorQualificationRecord>,
  ): Promise<DoctorQualification | null> {
    const record = await this.qualifications.findOne(filter).lean<DoctorQualificationRecord>();
    return record === null ? null : toQualification(record);
  }
}
