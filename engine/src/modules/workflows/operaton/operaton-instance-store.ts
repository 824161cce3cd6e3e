import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';
import type { InstanceScope } from '../runtime';
import {
  OPERATON_INSTANCE_MODEL,
  type OperatonInstanceRecord,
  type StoredSnapshot,
} from './operaton-instance.schema';
import { isDuplicateKeyError } from '../../../database';

export type MirrorDocument = OperatonInstanceRecord;

export interface StartClaim {
  readonly workflowKey: string;
  readonly businessKey: string;
  readonly workflowVersion: number;
  readonly processId: string;
  readonly scope: InstanceScope;
  readonly claimToken: string;
  readonly now: Date;
}

/** The `operaton_instances` mirror: claims, snapshots with optimistic revisions, job failures. */
@Injectable()
export class OperatonInstanceStore {
  constructor(
    @InjectModel(OPERATON_INSTANCE_MODEL) private readonly model: Model<OperatonInstanceRecord>,
  ) {}

  byInstanceId(instanceId: string): Promise<MirrorDocument | null> {
    return this.model.findOne({ instanceId }).lean<MirrorDocument>().exec();
  }

  byKey(workflowKey: string, businessKey: string): Promise<MirrorDocument | null> {
    return this.model.findOne({ workflowKey, businessKey }).lean<MirrorDocument>().exec();
  }

  /** The claim or instance an external task of `processId` / `businessKey` belongs to. */
  byProcessAndBusinessKey(processId: string, businessKey: string): Promise<MirrorDocument | null> {
    return this.model.findOne({ processId, businessKey }).lean<MirrorDocument>().exec();
  }

  byBusinessKey(businessKey: string): Promise<MirrorDocument[]> {
    return this.model
      .find({ businessKey, instanceId: { $exists: true } })
      .sort({ createdAt: 1, _id: 1 })
      .lean<MirrorDocument[]>()
      .exec();
  }

  byId(id: Types.ObjectId): Promise<MirrorDocument | null> {
    return this.model.findById(id).lean<MirrorDocument>().exec();
  }

  /** Inserts a claim; when (workflowKey, businessKey) exists already, returns that document instead. */
  async claim(claim: StartClaim): Promise<{ document: MirrorDocument; won: boolean }> {
    try {
      const created = await this.model.create({
        workflowKey: claim.workflowKey,
        businessKey: claim.businessKey,
        workflowVersion: claim.workflowVersion,
        processId: claim.processId,
        scope: {
          institutionId: claim.scope.institutionId,
          regionPath: [...claim.scope.regionPath],
        },
        claimToken: claim.claimToken,
        claimedAt: claim.now,
        snapshot: null,
        fingerprint: null,
        revision: 0,
        delivered: true,
        jobs: {},
      });
      return { document: created.toObject<MirrorDocument>(), won: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.byKey(claim.workflowKey, claim.businessKey);
      if (existing === null) throw error;
      return { document: existing, won: false };
    }
  }

  /** Takes over a stale claim that never got an instance id; false if someone else did first. */
  async takeOver(
    id: Types.ObjectId,
    staleToken: string,
    claimToken: string,
    now: Date,
  ): Promise<boolean> {
    const result = await this.model
      .updateOne(
        { _id: id, claimToken: staleToken, instanceId: { $exists: false } },
        { $set: { claimToken, claimedAt: now } },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  async attachInstance(
    id: Types.ObjectId,
    claimToken: string,
    instanceId: string,
  ): Promise<MirrorDocument | null> {
    return this.model
      .findOneAndUpdate(
        { _id: id, claimToken, instanceId: { $exists: false } },
        { $set: { instanceId } },
        { returnDocument: 'after' },
      )
      .lean<MirrorDocument>()
      .exec();
  }

  /** Saves a snapshot as revision `expectedRevision + 1`; null when another writer saved first. */
  async saveSnapshot(
    id: Types.ObjectId,
    expectedRevision: number,
    snapshot: StoredSnapshot,
    fingerprint: string,
  ): Promise<MirrorDocument | null> {
    return this.model
      .findOneAndUpdate(
        { _id: id, revision: expectedRevision },
        { $set: { snapshot, fingerprint, revision: expectedRevision + 1, delivered: false } },
        { returnDocument: 'after' },
      )
      .lean<MirrorDocument>()
      .exec();
  }

  async markDelivered(id: Types.ObjectId, revision: number): Promise<void> {
    await this.model.updateOne({ _id: id, revision }, { $set: { delivered: true } }).exec();
  }

  undelivered(limit: number): Promise<MirrorDocument[]> {
    return this.model
      .find({ delivered: false })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<MirrorDocument[]>()
      .exec();
  }

  /** Running instances after `afterId` in id order (a page of the background poll's scan). */
  running(afterId: Types.ObjectId | null, limit: number): Promise<MirrorDocument[]> {
    const filter = afterId === null ? {} : { _id: { $gt: afterId } };
    return this.model
      .find({ ...filter, 'snapshot.state': 'running', instanceId: { $exists: true } })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<MirrorDocument[]>()
      .exec();
  }

  /** Counts one more failed delivery of external task `jobId`; returns the failures so far. */
  async recordFailure(
    instanceId: string,
    jobId: string,
    topic: string,
    activityId: string,
  ): Promise<number> {
    const path = `jobs.${jobId}`;
    const updated = await this.model
      .findOneAndUpdate(
        { instanceId },
        {
          $inc: { [`${path}.failures`]: 1 },
          $set: { [`${path}.topic`]: topic, [`${path}.activityId`]: activityId },
        },
        { returnDocument: 'after' },
      )
      .lean<MirrorDocument>()
      .exec();
    return updated?.jobs[jobId]?.failures ?? 1;
  }
}
