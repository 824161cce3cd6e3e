import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model, type QueryFilter } from 'mongoose';
import { scopeFilter, type DataScope } from '../../common/auth';
import { ambientSession, isDuplicateKeyError } from '../../database';
import type { InstitutionStatus } from './institution-directory';
import {
  InstitutionNameTakenError,
  InstitutionStore,
  type Institution,
  type InstitutionQuery,
  type NewInstitution,
  type StatusChange,
} from './institution-store';
import { INSTITUTION_MODEL, type InstitutionRecord } from './institution.schema';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** A 24-hex id as an ObjectId, or null for anything malformed (which then finds nothing). */
function parseRecordId(id: string): Types.ObjectId | null {
  return OBJECT_ID.test(id) ? new Types.ObjectId(id) : null;
}

/** Regular-expression text matching `text` literally (search terms never become patterns). */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An id no institution has, for an institution scope whose id is malformed. */
const NO_INSTITUTION = new Types.ObjectId('000000000000000000000000');

function toInstitution({ _id, ...record }: InstitutionRecord): Institution {
  return { id: _id.toHexString(), ...record };
}

/** Institutions are their own scope key: an institution user matches on `_id`. */
function scopeOf(scope: DataScope): QueryFilter<InstitutionRecord> {
  if (scope.kind !== 'institution') return scopeFilter(scope);
  return { _id: parseRecordId(scope.institutionId) ?? NO_INSTITUTION };
}

/** The `institutions` collection; the only file that touches the Institution model. */
@Injectable()
export class MongoInstitutionStore extends InstitutionStore {
  constructor(
    @InjectModel(INSTITUTION_MODEL) private readonly institutions: Model<InstitutionRecord>,
  ) {
    super();
  }

  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  async insert({ id, ...institution }: NewInstitution): Promise<void> {
    try {
      await this.institutions.create(
        [
          {
            _id: new Types.ObjectId(id),
            ...institution,
            regionPath: [...institution.regionPath],
            statusHistory: [...institution.statusHistory],
          },
        ],
        { session: ambientSession() },
      );
    } catch (error) {
      if (isDuplicateKeyError(error, { on: 'nameKey' })) {
        throw new InstitutionNameTakenError(institution.nameKey);
      }
      throw error;
    }
  }

  async findById(id: string): Promise<Institution | null> {
    const _id = parseRecordId(id);
    return _id === null ? null : this.findOne({ _id });
  }

  findByNameKey(nameKey: string): Promise<Institution | null> {
    return this.findOne({ nameKey });
  }

  async findInScope(id: string, scope: DataScope): Promise<Institution | null> {
    const _id = parseRecordId(id);
    return _id === null ? null : this.findOne({ $and: [{ _id }, scopeOf(scope)] });
  }

  async list(query: InstitutionQuery): Promise<{ items: readonly Institution[]; total: number }> {
    const conditions: QueryFilter<InstitutionRecord>[] = [scopeOf(query.scope)];
    if (query.status !== undefined) conditions.push({ status: query.status });
    if (query.regionCode !== undefined) conditions.push({ regionPath: query.regionCode });
    if (query.nameKeyContains !== undefined) {
      conditions.push({ nameKey: { $regex: escapeRegExp(query.nameKeyContains) } });
    }
    const filter = { $and: conditions };
    const [records, total] = await Promise.all([
      this.institutions
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip(query.skip)
        .limit(query.limit)
        .lean<InstitutionRecord[]>(),
      this.institutions.countDocuments(filter),
    ]);
    return { items: records.map(toInstitution), total };
  }

  async setAdmin(id: string, adminUserId: string, change: StatusChange): Promise<void> {
    const _id = parseRecordId(id);
    if (_id === null) return;
    await this.institutions.updateOne(
      { _id },
      { $set: { adminUserId }, $push: { statusHistory: change } },
      { session: ambientSession() },
    );
  }

  async changeStatus(
    id: string,
    from: InstitutionStatus,
    change: StatusChange,
  ): Promise<Institution | null> {
    const _id = parseRecordId(id);
    if (_id === null) return null;
    const updated = await this.institutions
      .findOneAndUpdate(
        { _id, status: from },
        { $set: { status: change.status }, $push: { statusHistory: change } },
        { returnDocument: 'after', session: ambientSession() },
      )
      .lean<InstitutionRecord>();
    return updated === null ? null : toInstitution(updated);
  }

  private async findOne(filter: QueryFilter<InstitutionRecord>): Promise<Institution | null> {
    const found = await this.institutions
      .findOne(filter)
      .session(ambientSession() ?? null)
      .lean<InstitutionRecord>();
    return found === null ? null : toInstitution(found);
  }
}
