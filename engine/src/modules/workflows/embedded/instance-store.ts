import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { mongo, Model } from 'mongoose';
import { WORKFLOW_INSTANCE_MODEL, type InstanceRecord } from './instance.schema';
import { isDuplicateKeyError } from '../../../database';

/**
 * The only file that touches `workflow_instances`. Writes go through the driver collection:
 * the runtime builds whole, already validated records, and mongoose's casting of them was the
 * largest cost after the engine itself.
 */
@Injectable()
export class InstanceStore implements OnModuleInit {
  constructor(
    @InjectModel(WORKFLOW_INSTANCE_MODEL) private readonly model: Model<InstanceRecord>,
  ) {}

  /** The indexes the scheduler and look-ups rely on exist before the first background pass. */
  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  /** Inserts a new instance; false when one with this _id exists (a repeated start). */
  async insert(record: InstanceRecord): Promise<boolean> {
    try {
      await this.collection().insertOne(record);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async load(instanceId: string): Promise<InstanceRecord | null> {
    return this.collection().findOne({ _id: instanceId });
  }

  async byBusinessKey(businessKey: string): Promise<InstanceRecord[]> {
    return this.collection().find({ businessKey }).sort({ startedAt: 1, _id: 1 }).toArray();
  }

  /**
   * Replaces the instance if it is still at `expectedRevision` (optimistic concurrency); false
   * when another command saved first.
   */
  async save(record: InstanceRecord, expectedRevision: number): Promise<boolean> {
    const { _id, ...fields } = record;
    const result = await this.collection().updateOne(
      { _id, revision: expectedRevision },
      { $set: fields },
    );
    return result.matchedCount === 1;
  }

  /** Instances with a timer due at `now`, earliest first. */
  async dueTimers(now: Date, limit: number): Promise<string[]> {
    const due = await this.collection()
      .find({ nextTimerAt: { $lte: now } }, { projection: { _id: 1 } })
      .sort({ nextTimerAt: 1 })
      .limit(limit)
      .toArray();
    return due.map((record) => record._id);
  }

  /** Moves a due scan that found nothing to fire (so one instance is not retried every poll). */
  async postponeTimers(instanceId: string, dueBefore: Date, until: Date): Promise<void> {
    await this.collection().updateOne(
      { _id: instanceId, nextTimerAt: { $lte: dueBefore } },
      { $set: { nextTimerAt: until } },
    );
  }

  /** Saves whose follow-up (jobs, listeners) is not confirmed and older than `savedBefore`. */
  async pendingProjection(savedBefore: Date, limit: number): Promise<InstanceRecord[]> {
    return this.collection()
      .find({ projectionPending: true, updatedAt: { $lte: savedBefore } })
      .sort({ updatedAt: 1 })
      .limit(limit)
      .toArray();
  }

  /** Records that every listener saw `revision`; clears the pending flag unless a newer save exists. */
  async markProjected(marks: readonly { instanceId: string; revision: number }[]): Promise<void> {
    if (marks.length === 0) return;
    await this.collection().bulkWrite(
      marks.map(({ instanceId, revision }) => ({
        updateOne: {
          filter: { _id: instanceId, revision },
          update: { $set: { projectionPending: false, projectedRevision: revision } },
        },
      })),
      { ordered: false },
    );
  }

  private collection(): mongo.Collection<InstanceRecord> {
    return this.model.collection as unknown as mongo.Collection<InstanceRecord>;
  }
}
