import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model, type QueryFilter } from 'mongoose';
import { scopeFilter, type DataScope } from '../../../common/auth';
import { ambientSession, duplicateKeyField } from '../../../database';
import { onlyCreated, parseRecordId } from '../shared/mongo-record-id';
import {
  StaffIdNumberTakenError,
  StaffStore,
  type NewStaffProfile,
  type StaffChanges,
  type StaffProfile,
  type StaffQuery,
} from './staff-store';
import { STAFF_MODEL, type StaffRecord } from './staff.schema';

function toProfile({ _id, ...record }: StaffRecord): StaffProfile {
  return { id: _id.toHexString(), ...record };
}

function idNumberTaken(error: unknown): unknown {
  return duplicateKeyField(error, ['idNumberIndex']) === 'idNumberIndex'
    ? new StaffIdNumberTakenError()
    : error;
}

/** The `staff` collection; the only file that touches the Staff model's profiles. */
@Injectable()
export class MongoStaffStore extends StaffStore {
  constructor(@InjectModel(STAFF_MODEL) private readonly staff: Model<StaffRecord>) {
    super();
  }

  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  async insert({ id, ...profile }: NewStaffProfile): Promise<StaffProfile> {
    try {
      const created = onlyCreated(
        await this.staff.create(
          [{ ...profile, _id: new Types.ObjectId(id), regionPath: [...profile.regionPath] }],
          { session: ambientSession() },
        ),
      );
      return toProfile(created.toObject());
    } catch (error) {
      throw idNumberTaken(error);
    }
  }

  async existsWithUsernameIndex(usernameIndex: string): Promise<boolean> {
    return (await this.staff.exists({ usernameIndex })) !== null;
  }

  async list(query: StaffQuery): Promise<{ items: readonly StaffProfile[]; total: number }> {
    const conditions: QueryFilter<StaffRecord>[] = [scopeFilter(query.scope)];
    if (query.institutionId !== undefined) conditions.push({ institutionId: query.institutionId });
    if (query.departmentCode !== undefined)
      conditions.push({ departmentCode: query.departmentCode });
    if (query.enabled !== undefined) conditions.push({ enabled: query.enabled });
    const filter = { $and: conditions };
    const [records, total] = await Promise.all([
      this.staff
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip(query.skip)
        .limit(query.limit)
        .lean<StaffRecord[]>(),
      this.staff.countDocuments(filter),
    ]);
    return { items: records.map(toProfile), total };
  }

  async findInScope(id: string, scope: DataScope): Promise<StaffProfile | null> {
    const _id = parseRecordId(id);
    return _id === null ? null : this.findOne({ $and: [{ _id }, scopeFilter(scope)] });
  }

  async findOwn(id: string, institutionId: string): Promise<StaffProfile | null> {
    const _id = parseRecordId(id);
    return _id === null ? null : this.findOne({ _id, institutionId });
  }

  async idNumberHeldByOther(
    institutionId: string,
    idNumberIndex: string,
    exceptId: string,
  ): Promise<boolean> {
    const except = parseRecordId(exceptId);
    const filter: QueryFilter<StaffRecord> = { institutionId, idNumberIndex };
    if (except !== null) filter._id = { $ne: except };
    return (await this.staff.exists(filter)) !== null;
  }

  async update(
    id: string,
    institutionId: string,
    changes: StaffChanges,
  ): Promise<StaffProfile | null> {
    const _id = parseRecordId(id);
    if (_id === null) return null;
    try {
      const updated = await this.staff
        .findOneAndUpdate(
          { _id, institutionId },
          { $set: changes },
          { returnDocument: 'after', session: ambientSession() },
        )
        .lean<StaffRecord>();
      return updated === null ? null : toProfile(updated);
    } catch (error) {
      throw idNumberTaken(error);
    }
  }

  private async findOne(filter: QueryFilter<StaffRecord>): Promise<StaffProfile | null> {
    const record = await this.staff.findOne(filter).lean<StaffRecord>();
    return record === null ? null : toProfile(record);
  }
}
