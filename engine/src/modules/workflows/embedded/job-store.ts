import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { mongo, Model } from 'mongoose';
import type { JobOutcome } from './external-task-service';
import { WORKFLOW_JOB_MODEL, type JobRecord } from './job.schema';
import { isDuplicateKeyError } from '../../../database';

/** The lock a delivery holds: updates after the handler only apply while it still holds it. */
export interface JobLock {
  readonly jobId: string;
  readonly workerId: string;
  readonly attempts: number;
}

/** What a failed delivery leaves on the job. */
export interface JobFailure {
  readonly failures: number;
  readonly retriesLeft: number;
  readonly message: string;
}

/** The only file that touches `workflow_jobs`. */
@Injectable()
export class JobStore implements OnModuleInit {
  constructor(@InjectModel(WORKFLOW_JOB_MODEL) private readonly model: Model<JobRecord>) {}

  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  /** Inserts new jobs; ones that exist already (a repeated follow-up) are left as they are. */
  async create(jobs: readonly JobRecord[]): Promise<void> {
    if (jobs.length === 0) return;
    try {
      await this.collection().insertMany([...jobs], { ordered: false });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  async load(jobId: string): Promise<JobRecord | null> {
    return this.collection().findOne({ _id: jobId });
  }

  /**
   * Locks one due job for `workerId`: a ready job whose time has come, or a locked one whose
   * lock expired (its worker died or hung: at-least-once delivery takes it over).
   */
  async lockNext(now: Date, workerId: string, lockUntil: Date): Promise<JobRecord | null> {
    return this.collection().findOneAndUpdate(
      {
        $or: [
          { status: 'ready', nextRunAt: { $lte: now } },
          { status: 'locked', lockUntil: { $lte: now } },
        ],
      },
      {
        $set: { status: 'locked', lockedBy: workerId, lockUntil, updatedAt: now },
        $inc: { attempts: 1 },
      },
      { sort: { nextRunAt: 1 }, returnDocument: 'after' },
    );
  }

  /** Done outcomes of the given jobs (what a hydration applies when it meets their tasks). */
  async outcomes(jobIds: readonly string[]): Promise<Map<string, JobOutcome>> {
    const result = new Map<string, JobOutcome>();
    if (jobIds.length === 0) return result;
    const done = await this.collection()
      .find({ _id: { $in: [...jobIds] }, status: 'done' }, { projection: { outcome: 1 } })
      .toArray();
    for (const job of done) if (job.outcome !== null) result.set(job._id, job.outcome);
    return result;
  }

  /** Stores a delivery's outcome; false when the lock was lost (another worker took over). */
  async complete(lock: JobLock, outcome: JobOutcome, now: Date): Promise<boolean> {
    return this.updateLocked(lock, {
      status: 'done',
      outcome,
      applied: false,
      lockedBy: null,
      lockUntil: null,
      updatedAt: now,
    });
  }

  /** A failed delivery with retries left: ready again at `nextRunAt`. */
  async retryLater(
    lock: JobLock,
    failure: JobFailure,
    nextRunAt: Date,
    now: Date,
  ): Promise<boolean> {
    return this.updateLocked(lock, {
      status: 'ready',
      failures: failure.failures,
      retriesLeft: failure.retriesLeft,
      lastError: failure.message,
      nextRunAt,
      lockedBy: null,
      lockUntil: null,
      updatedAt: now,
    });
  }

  /** No retries left (or nobody can run it): the job waits for an admin. */
  async toIncident(
    lock: JobLock,
    failure: JobFailure,
    incidentId: string,
    now: Date,
  ): Promise<boolean> {
    return this.updateLocked(lock, {
      status: 'incident',
      failures: failure.failures,
      retriesLeft: failure.retriesLeft,
      lastError: failure.message,
      incidentId,
      lockedBy: null,
      lockUntil: null,
      updatedAt: now,
    });
  }

  /** A done job whose outcome the process could not take (its continuation failed). */
  async doneToIncident(
    jobId: string,
    incidentId: string,
    message: string,
    now: Date,
  ): Promise<boolean> {
    const result = await this.collection().updateOne(
      { _id: jobId, status: 'done' },
      {
        $set: { status: 'incident', incidentId, lastError: message, applied: true, updatedAt: now },
      },
    );
    return result.matchedCount === 1;
  }

  /** An admin's retry: `retries` more deliveries, the first at once. */
  async reopen(jobId: string, incidentId: string, retries: number, now: Date): Promise<boolean> {
    const result = await this.collection().updateOne(
      { _id: jobId, status: 'incident', incidentId },
      {
        $set: {
          status: 'ready',
          failures: 0,
          retryBudget: retries,
          retriesLeft: retries,
          incidentId: null,
          nextRunAt: now,
          updatedAt: now,
        },
      },
    );
    return result.matchedCount === 1;
  }

  /** Jobs the instance stopped waiting for: never delivered (again). */
  async cancel(jobIds: readonly string[], now: Date): Promise<void> {
    if (jobIds.length === 0) return;
    await this.collection().updateMany(
      { _id: { $in: [...jobIds] }, status: { $in: ['ready', 'locked', 'incident'] } },
      { $set: { status: 'cancelled', lockedBy: null, lockUntil: null, updatedAt: now } },
    );
  }

  async markApplied(jobIds: readonly string[]): Promise<void> {
    if (jobIds.length === 0) return;
    await this.collection().updateMany(
      { _id: { $in: [...jobIds] }, status: 'done' },
      { $set: { applied: true } },
    );
  }

  /**
   * Done jobs whose outcome has not reached their instance (a crash right after the handler),
   * done before `doneBefore` and due for an attempt at `now`; those that failed least recently
   * first, so ones put off after a failure do not hold up the rest.
   */
  async unapplied(doneBefore: Date, now: Date, limit: number): Promise<JobRecord[]> {
    return this.collection()
      .find({
        status: 'done',
        applied: false,
        updatedAt: { $lte: doneBefore },
        nextRunAt: { $lte: now },
      })
      .sort({ nextRunAt: 1 })
      .limit(limit)
      .toArray();
  }

  /** An outcome the re-delivery pass could not apply (yet): tried again at `nextAttemptAt`. */
  async deferApply(jobId: string, message: string, nextAttemptAt: Date): Promise<void> {
    await this.collection().updateOne(
      { _id: jobId, status: 'done', applied: false },
      { $set: { nextRunAt: nextAttemptAt, lastError: message }, $inc: { applyFailures: 1 } },
    );
  }

  /**
   * Jobs parked on an incident, by id after `afterId` (a cursor the incident repair pages with,
   * so many open incidents are all looked at in turn).
   */
  async parkedOnIncidents(
    afterId: string | null,
    limit: number,
  ): Promise<Pick<JobRecord, '_id' | 'instanceId' | 'incidentId'>[]> {
    const filter: mongo.Filter<JobRecord> = { status: 'incident' };
    if (afterId !== null) filter._id = { $gt: afterId };
    return this.collection()
      .find(filter, { projection: { _id: 1, instanceId: 1, incidentId: 1 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
  }

  private async updateLocked(lock: JobLock, fields: Partial<JobRecord>): Promise<boolean> {
    const result = await this.collection().updateOne(
      { _id: lock.jobId, status: 'locked', lockedBy: lock.workerId, attempts: lock.attempts },
      { $set: fields },
    );
    return result.matchedCount === 1;
  }

  private collection(): mongo.Collection<JobRecord> {
    return this.model.collection as unknown as mongo.Collection<JobRecord>;
  }
}
