import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import { ambientSession } from '../../../database';
import { onlyCreated } from '../shared/mongo-record-id';
import {
  OfficialStore,
  type NewOfficialRecord,
  type Official,
  type OfficialQuery,
} from './official-store';
import { OFFICIAL_MODEL, type OfficialRecord } from './official.schema';

function toOfficial({ _id, updatedAt: _, ...record }: OfficialRecord): Official {
  return { id: _id.toHexString(), ...record };
}

/** The `officials` collection; the only file that touches the Official model. */
@Injectable()
export class MongoOfficialStore extends OfficialStore {
  constructor(@InjectModel(OFFICIAL_MODEL) private readonly officials: Model<OfficialRecord>) {
    super();
  }

  async insert(official: NewOfficialRecord): Promise<Official> {
    const created = onlyCreated(
      await this.officials.create([{ ...official, regionPath: [...official.regionPath] }], {
        session: ambientSession(),
      }),
    );
    return toOfficial(created.toObject());
  }

  async list(query: OfficialQuery): Promise<{ items: readonly Official[]; total: number }> {
    const conditions: QueryFilter<OfficialRecord>[] = [{ regionPath: query.withinRegion }];
    if (query.role !== undefined) conditions.push({ role: query.role });
    if (query.regionCode !== undefined) conditions.push({ regionPath: query.regionCode });
    const filter = { $and: conditions };
    const [records, total] = await Promise.all([
      this.officials
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip(query.skip)
        .limit(query.limit)
        .lean<OfficialRecord[]>(),
      this.officials.countDocuments(filter),
    ]);
    return { items: records.map(toOfficial), total };
  }

  async existsWithUsername(username: string): Promise<boolean> {
    return (await this.officials.exists({ username })) !== null;
  }
}
