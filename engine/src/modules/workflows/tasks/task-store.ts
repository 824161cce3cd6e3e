import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';
import type { ProjectedTask } from './task-projection-diff';
import { TASK_MODEL, type TaskDocument } from './task-models';
import { changeTask, objectId, toTask, type Filter } from './task-store-support';
import type { TaskCc, TaskComment, WorkflowTask } from './workflow-task';
import { isDuplicateKeyError } from '../../../database';

/**
 * `workflow_tasks`. Every change a person makes is a conditional update on the state it was
 * decided on, so a concurrent change makes it match nothing (the caller answers 409) instead of
 * being overwritten.
 */
@Injectable()
export class TaskStore {
  constructor(@InjectModel(TASK_MODEL) private readonly tasks: Model<TaskDocument>) {}

  async findById(id: string): Promise<WorkflowTask | null> {
    const _id = objectId(id);
    if (_id === null) return null;
    const doc = await this.tasks.findById(_id).lean<TaskDocument>().exec();
    return doc === null ? null : toTask(doc);
  }

  async list(
    filter: Filter,
    window: { skip: number; limit: number },
  ): Promise<{ items: WorkflowTask[]; total: number }> {
    const [docs, total] = await Promise.all([
      this.tasks
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip(window.skip)
        .limit(window.limit)
        .lean<TaskDocument[]>()
        .exec(),
      this.tasks.countDocuments(filter).exec(),
    ]);
    return { items: docs.map(toTask), total };
  }

  /** Completed tasks of the instance, oldest completion first (what happened before). */
  async completedOf(instanceId: string): Promise<WorkflowTask[]> {
    const docs = await this.tasks
      .find({ instanceId, status: 'completed' })
      .sort({ completedAt: 1, _id: 1 })
      .lean<TaskDocument[]>()
      .exec();
    return docs.map(toTask);
  }

  async ofInstances(instanceIds: readonly string[]): Promise<WorkflowTask[]> {
    const docs = await this.tasks
      .find({ instanceId: { $in: [...instanceIds] } })
      .lean<TaskDocument[]>()
      .exec();
    return docs.map(toTask);
  }

  // ---- written by the projection ----

  /**
   * Inserts or refreshes the task from a snapshot of `revision`; human fields (claim, CC,
   * comments, status) are only written on insert. Null when a newer snapshot already touched it.
   */
  async upsertFromRuntime(
    task: ProjectedTask,
    round: string | null,
    revision: number,
  ): Promise<WorkflowTask | null> {
    const { runtimeAssignee, createdAt, roundHint: _hint, ...metadata } = task;
    try {
      const doc = await this.tasks
        .findOneAndUpdate(
          { runtimeTaskId: task.runtimeTaskId, syncedRevision: { $lte: revision } },
          {
            $set: { ...metadata, syncedRevision: revision },
            $setOnInsert: {
              status: 'open',
              createdAt,
              assignee: runtimeAssignee,
              claimedAt: null,
              round,
              cc: [],
              comments: [],
              revision: 0,
            },
          },
          { upsert: true, returnDocument: 'after' },
        )
        .lean<TaskDocument>()
        .exec();
      return doc === null ? null : toTask(doc);
    } catch (error) {
      // The filter missed an existing task touched by a newer snapshot, so the upsert collided.
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  /** The round of the latest occurrence of a multi-instance element (sequential 会签 continues it). */
  async latestRound(instanceId: string, elementId: string): Promise<string | null> {
    const doc = await this.tasks
      .findOne({ instanceId, elementId, round: { $ne: null } })
      .sort({ createdAt: -1, _id: -1 })
      .lean<TaskDocument>()
      .exec();
    return doc?.round ?? null;
  }

  /**
   * Open tasks of the instance absent from a snapshot become cancelled (a timer escalated, the
   * process ended). Tasks our API is completing or completed are left alone; so are tasks a newer
   * snapshot created. Returns the tasks this call cancelled.
   */
  async cancelMissing(
    instanceId: string,
    present: readonly string[],
    revision: number,
    now: Date,
  ): Promise<WorkflowTask[]> {
    const stale: Filter = {
      instanceId,
      status: 'open',
      runtimeTaskId: { $nin: [...present] },
      syncedRevision: { $lte: revision },
    };
    const candidates = await this.tasks.find(stale).lean<TaskDocument[]>().exec();
    const cancelled: WorkflowTask[] = [];
    for (const candidate of candidates) {
      const doc = await this.tasks
        .findOneAndUpdate(
          { ...stale, _id: candidate._id },
          { $set: { status: 'cancelled', cancelledAt: now, syncedRevision: revision } },
          { returnDocument: 'after' },
        )
        .lean<TaskDocument>()
        .exec();
      if (doc !== null) cancelled.push(toTask(doc));
    }
    return cancelled;
  }

  // ---- written by the task API ----

  async claim(task: WorkflowTask, userId: string, now: Date): Promise<WorkflowTask | null> {
    return this.change(
      { _id: task.id, status: 'open', assignee: null },
      { $set: { assignee: userId, claimedAt: now } },
    );
  }

  async unclaim(task: WorkflowTask, userId: string): Promise<WorkflowTask | null> {
    return this.change(
      { _id: task.id, status: 'open', assignee: userId },
      { $set: { assignee: null, claimedAt: null } },
    );
  }

  async transfer(task: WorkflowTask, userId: string, now: Date): Promise<WorkflowTask | null> {
    return this.change(
      { _id: task.id, status: 'open', revision: task.revision },
      { $set: { assignee: userId, claimedAt: now } },
    );
  }

  async addCc(task: WorkflowTask, entries: readonly TaskCc[]): Promise<WorkflowTask | null> {
    return this.change(
      { _id: task.id, revision: task.revision },
      { $push: { cc: { $each: [...entries] } } },
    );
  }

  async addComment(task: WorkflowTask, comment: TaskComment): Promise<WorkflowTask | null> {
    return this.change({ _id: task.id }, { $push: { comments: comment } });
  }

  // ---- reminders ----

  async dueForReminder(now: Date, limit: number): Promise<WorkflowTask[]> {
    const docs = await this.tasks
      .find({ status: 'open', remindAt: { $ne: null, $lte: now }, remindedAt: null })
      .sort({ remindAt: 1 })
      .limit(limit)
      .lean<TaskDocument[]>()
      .exec();
    return docs.map(toTask);
  }

  async markReminded(task: WorkflowTask, now: Date): Promise<boolean> {
    const result = await this.tasks
      .updateOne(
        { _id: new Types.ObjectId(task.id), remindedAt: null },
        { $set: { remindedAt: now } },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  private change(
    filter: Filter & { _id: string },
    update: Record<string, unknown>,
  ): Promise<WorkflowTask | null> {
    return changeTask(this.tasks, filter, update);
  }
}
