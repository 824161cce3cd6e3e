import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ambientSession, isDuplicateKeyError, UnitOfWork } from '../../database';
import { scopeFilter, type DataScope } from '../../common/auth';
import type { SearchableKind } from './form-anatomy';
import { OutboxWriter } from '../outbox';
import { IDEMPOTENCY_MODEL, SUBMISSION_MODEL } from './submission.schema';
import {
  IdempotencyClaimLostError,
  SubmissionRepository,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type ReleaseOutcome,
  type SubmissionRelease,
  type SubmissionInsert,
  type SubmissionListQuery,
  type SubmissionPage,
  type SubmissionUpdate,
} from './submission.repository';
import type { StoredSubmission, WorkflowOutcome } from './submission.types';

type SubmissionDocument = Omit<StoredSubmission, 'id'> & { _id: string };
type IdempotencyDocument = IdempotencyRecord & { _id: string };

const keyId = (userId: string, key: string) => `${userId}/${key}`;

function toSubmission({ _id, ...rest }: SubmissionDocument): StoredSubmission {
  return { id: _id, ...rest };
}

function toSubmissionDocument({ id, ...rest }: StoredSubmission): SubmissionDocument {
  return { _id: id, ...rest };
}

function toRecord({ _id: _, ...record }: IdempotencyDocument): IdempotencyRecord {
  return record;
}

/** Reports, outbox events and idempotency keys in MongoDB; writes that belong together share a unit of work. */
@Injectable()
export class MongoSubmissionRepository extends SubmissionRepository {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    @InjectModel(SUBMISSION_MODEL) private readonly submissions: Model<SubmissionDocument>,
    private readonly outbox: OutboxWriter,
    @InjectModel(IDEMPOTENCY_MODEL) private readonly keys: Model<IdempotencyDocument>,
    private readonly audit: AuditLog,
  ) {
    super();
  }

  async claimKey(claim: IdempotencyClaim): Promise<IdempotencyRecord | null> {
    const _id = keyId(claim.userId, claim.key);
    // A record can vanish between the failed insert and the read (its claimer released it).
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.keys.create({ _id, ...claim, state: 'in-progress', response: null });
        return null;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const existing = await this.findKey(claim.userId, claim.key);
      if (existing !== null) return existing;
    }
    throw new Error(`idempotency key ${_id} keeps changing hands`);
  }

  async findKey(userId: string, key: string): Promise<IdempotencyRecord | null> {
    const found = await this.keys.findById(keyId(userId, key)).lean<IdempotencyDocument>().exec();
    return found === null ? null : toRecord(found);
  }

  async takeOverKey(claim: IdempotencyClaim, staleToken: string): Promise<boolean> {
    const result = await this.keys
      .updateOne(
        { _id: keyId(claim.userId, claim.key), state: 'in-progress', claimToken: staleToken },
        { $set: { claimToken: claim.claimToken, claimedAt: claim.claimedAt } },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  async releaseKey(userId: string, key: string, claimToken: string): Promise<void> {
    await this.keys.deleteOne({ _id: keyId(userId, key), state: 'in-progress', claimToken }).exec();
  }

  async insert(write: SubmissionInsert): Promise<void> {
    const { userId, key, claimToken, response } = write.idempotency;
    await this.unitOfWork.run(async () => {
      const session = ambientSession();
      const completed = await this.keys
        .updateOne(
          { _id: keyId(userId, key), state: 'in-progress', claimToken },
          { $set: { state: 'completed', response } },
          { session },
        )
        .exec();
      if (completed.matchedCount !== 1) throw new IdempotencyClaimLostError();
      await this.submissions.insertMany([toSubmissionDocument(write.submission)], { session });
      if (write.outbox !== null) await this.outbox.append(write.outbox);
      if (write.audit !== undefined) await this.audit.appendInTransaction(write.audit);
      if (write.sideEffect !== undefined) await write.sideEffect();
    });
  }

  async update(write: SubmissionUpdate): Promise<boolean> {
    let replaced = false;
    await this.unitOfWork.run(async () => {
      const session = ambientSession();
      const { _id, ...fields } = toSubmissionDocument(write.submission);
      const result = await this.submissions
        .replaceOne({ _id, revision: write.expectedRevision }, fields, { session })
        .exec();
      replaced = result.matchedCount === 1;
      if (replaced && write.outbox !== null) await this.outbox.append(write.outbox);
      if (replaced && write.audit !== undefined) {
        await this.audit.appendInTransaction(write.audit);
      }
      if (replaced && write.sideEffect !== undefined) await write.sideEffect();
    });
    return replaced;
  }

  async findAsSystem(id: string): Promise<StoredSubmission | null> {
    const found = await this.submissions.findById(id).lean<SubmissionDocument>().exec();
    return found === null ? null : toSubmission(found);
  }

  async release(write: SubmissionRelease): Promise<ReleaseOutcome> {
    let outcome: ReleaseOutcome = { found: false, released: false };
    await this.unitOfWork.run(async () => {
      const session = ambientSession();
      // `$ne` also matches a report never released: the filter is "not yet under this key".
      const first = await this.submissions
        .updateOne(
          { _id: write.submissionId, releaseKey: { $ne: write.key } },
          {
            $addToSet: { patientIds: { $each: [...write.patientIds] } },
            $set: { releasedAt: write.at, releaseKey: write.key },
            $inc: { revision: 1 },
          },
          { session },
        )
        .exec();
      if (first.matchedCount === 1) {
        await this.audit.appendInTransaction(write.audit);
        outcome = { found: true, released: true };
        return;
      }
      const exists = await this.submissions
        .exists({ _id: write.submissionId })
        .session(session ?? null);
      outcome = { found: exists !== null, released: false };
    });
    return outcome;
  }

  async recordWorkflowOutcome(
    submissionId: string,
    workflowKey: string,
    outcome: WorkflowOutcome,
  ): Promise<boolean> {
    const written = await this.submissions
      .updateOne({ _id: submissionId }, { $set: { [`workflowOutcomes.${workflowKey}`]: outcome } })
      .exec();
    return written.matchedCount === 1;
  }

  async findById(id: string, scope: DataScope): Promise<StoredSubmission | null> {
    const found = await this.submissions
      .findOne({ $and: [{ _id: id }, scopeFilter(scope)] })
      .lean<SubmissionDocument>()
      .exec();
    return found === null ? null : toSubmission(found);
  }

  async list(query: SubmissionListQuery): Promise<SubmissionPage> {
    const conditions: Record<string, unknown>[] = [
      scopeFilter(query.scope),
      { status: { $in: query.statuses } },
    ];
    if (query.formKey !== undefined) conditions.push({ formKey: query.formKey });
    if (query.from !== undefined) conditions.push({ createdAt: { $gte: query.from } });
    if (query.until !== undefined) conditions.push({ createdAt: { $lt: query.until } });
    if (query.reporterId !== undefined) conditions.push({ 'reporter.userId': query.reporterId });
    // The flag name is checked to be a plain identifier before it becomes part of a path.
    if (query.flag !== undefined) conditions.push({ [`outcome.derived.${query.flag}`]: true });
    const filter = { $and: conditions };
    const [items, total] = await Promise.all([
      this.submissions
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip(query.skip)
        .limit(query.limit)
        .lean<SubmissionDocument[]>()
        .exec(),
      this.submissions.countDocuments(filter).exec(),
    ]);
    return { items: items.map(toSubmission), total };
  }

  async findByBlindTokens(
    scope: DataScope,
    tokens: Partial<Record<SearchableKind, string>>,
    limit: number,
  ): Promise<readonly StoredSubmission[]> {
    const alternatives = Object.entries(tokens).map(([kind, token]) => ({
      [`blind.${kind}`]: token,
    }));
    if (alternatives.length === 0) return [];
    const found = await this.submissions
      .find({ $and: [scopeFilter(scope), { $or: alternatives }] })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .lean<SubmissionDocument[]>()
      .exec();
    return found.map(toSubmission);
  }
}
