import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';
import type { WorkflowAction } from '@sentinel/definitions';
import type { Variables } from '../runtime';
import { TASK_MODEL, type TaskDocument } from './task-models';
import { changeTask, toTask, type Filter } from './task-store-support';
import type { WorkflowTask } from './workflow-task';
import { isDuplicateKeyError } from '../../../database';

/** The decision a person takes, as the completion request checked it. */
export interface Decision {
  readonly action: WorkflowAction;
  readonly reason: string | null;
  readonly comment: string | null;
  readonly values: Variables;
}

/** Who decides. */
export interface Decider {
  readonly userId: string;
  readonly displayName: string;
}

/** Why `begin` did not take the task: changed meanwhile, or the person signed this round already. */
export type BeginRefusal = 'conflict' | 'already-signed';

/** The countersign signature: one per person and round (see `TaskDocument.signature`). */
export function signatureOf(task: WorkflowTask, userId: string): string | null {
  return task.round === null
    ? null
    : `${task.instanceId}:${task.elementId}:${task.round}:${userId}`;
}

/** Fields a completion sets while it waits for the runtime, cleared whichever way it ends. */
const NOT_COMPLETING = { completingSince: null, pending: null };

/**
 * The lifecycle of a completion in `workflow_tasks`: open → completing (the decision is stored
 * as `pending`) → completed with that decision, or back to open, or cancelled. Every step is
 * conditional on `completing`, so of the request, the projection and the repair pass that may
 * all learn the outcome, exactly one records it.
 */
@Injectable()
export class CompletionStore {
  constructor(@InjectModel(TASK_MODEL) private readonly tasks: Model<TaskDocument>) {}

  /** open → completing, claimed for the decider, only if nobody changed the task since it was read. */
  async begin(
    task: WorkflowTask,
    decider: Decider,
    decision: Decision,
    now: Date,
  ): Promise<WorkflowTask | BeginRefusal> {
    const signature = signatureOf(task, decider.userId);
    try {
      const begun = await this.change(
        { _id: task.id, status: 'open', revision: task.revision },
        {
          $set: {
            status: 'completing',
            assignee: decider.userId,
            claimedAt: task.assignee === decider.userId ? task.claimedAt : now,
            completedBy: decider.userId,
            completedByName: decider.displayName,
            completingSince: now,
            pending: { ...decision, assignee: task.assignee, claimedAt: task.claimedAt },
            ...(signature === null ? {} : { signature }),
          },
        },
      );
      return begun ?? 'conflict';
    } catch (error) {
      // Another share of the round already carries this person's signature.
      if (isDuplicateKeyError(error)) return 'already-signed';
      throw error;
    }
  }

  /** completing → completed with the pending decision; null when it was not completing any more. */
  async finish(task: WorkflowTask, now: Date): Promise<WorkflowTask | null> {
    const pending = task.pending;
    return this.change(
      { _id: task.id, status: 'completing' },
      {
        $set: {
          status: 'completed',
          action: pending?.action ?? null,
          reason: pending?.reason ?? null,
          comment: pending?.comment ?? null,
          values: pending?.values ?? {},
          // When the decision was taken, whoever learns the outcome later.
          completedAt: task.completingSince ?? now,
          ...NOT_COMPLETING,
        },
      },
    );
  }

  /** The runtime did not take the decision: the task is open again, held as it was before. */
  async reopen(task: WorkflowTask): Promise<WorkflowTask | null> {
    return this.change(
      { _id: task.id, status: 'completing' },
      {
        $set: {
          status: 'open',
          assignee: task.pending?.assignee ?? null,
          claimedAt: task.pending?.claimedAt ?? null,
          completedBy: null,
          completedByName: null,
          ...NOT_COMPLETING,
        },
        $unset: { signature: '' },
      },
    );
  }

  /** The runtime says the task is gone (a timer or another path closed it first). */
  async cancel(task: WorkflowTask, now: Date): Promise<WorkflowTask | null> {
    return this.change(
      { _id: task.id, status: 'completing' },
      {
        $set: {
          status: 'cancelled',
          cancelledAt: now,
          completedBy: null,
          completedByName: null,
          ...NOT_COMPLETING,
        },
        $unset: { signature: '' },
      },
    );
  }

  /** Whether the user already signed (or is signing) another share of the same round. */
  async signedInRound(task: WorkflowTask, userId: string): Promise<boolean> {
    const signature = signatureOf(task, userId);
    if (signature === null) return false;
    const found = await this.tasks
      .exists({
        $or: [
          { signature },
          // Shares signed before signatures were stored.
          {
            instanceId: task.instanceId,
            elementId: task.elementId,
            round: task.round,
            completedBy: userId,
            status: { $in: ['completing', 'completed'] },
            _id: { $ne: new Types.ObjectId(task.id) },
          },
        ],
      })
      .exec();
    return found !== null;
  }

  /**
   * Completing tasks of the instance that a snapshot of `revision` no longer lists: the runtime
   * moved past them, so their pending decision was taken.
   */
  async completingMissing(
    instanceId: string,
    present: readonly string[],
    revision: number,
  ): Promise<WorkflowTask[]> {
    return this.find({
      instanceId,
      status: 'completing',
      runtimeTaskId: { $nin: [...present] },
      syncedRevision: { $lte: revision },
    });
  }

  /**
   * Completions waiting for the runtime since `before` or earlier (or since before that time was
   * recorded), except those a pass already looked at.
   */
  async stuck(before: Date, limit: number, except: readonly string[]): Promise<WorkflowTask[]> {
    const docs = await this.tasks
      .find({
        _id: { $nin: except.map((id) => new Types.ObjectId(id)) },
        status: 'completing',
        $or: [{ completingSince: { $lte: before } }, { completingSince: null }],
      })
      .sort({ completingSince: 1, _id: 1 })
      .limit(limit)
      .lean<TaskDocument[]>()
      .exec();
    return docs.map(toTask);
  }

  private async find(filter: Filter): Promise<WorkflowTask[]> {
    const docs = await this.tasks.find(filter).lean<TaskDocument[]>().exec();
    return docs.map(toTask);
  }

  private change(
    filter: Filter & { _id: string },
    update: Record<string, unknown>,
  ): Promise<WorkflowTask | null> {
    return changeTask(this.tasks, filter, update);
  }
}
