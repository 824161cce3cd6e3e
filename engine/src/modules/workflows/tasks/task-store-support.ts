import { Types, type Model } from 'mongoose';
import type { TaskDocument } from './task-models';
import type { WorkflowTask } from './workflow-task';

export type Filter = Record<string, unknown>;

/** A stored task as the API knows it; fields added after a task was written read as null. */
export function toTask(doc: TaskDocument): WorkflowTask {
  const { _id, signature: _signature, ...rest } = doc;
  return {
    ...rest,
    id: _id.toHexString(),
    completedByName: rest.completedByName ?? null,
    values: rest.values ?? null,
    completingSince: rest.completingSince ?? null,
    pending: rest.pending ?? null,
  };
}

/** A task id from a URL: only our 24-hex ObjectIds, anything else is simply unknown. */
export function objectId(id: string): Types.ObjectId | null {
  return /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : null;
}

/**
 * One conditional change a person (or the completion's outcome) makes: matches the state it was
 * decided on, bumps `revision`, and returns the task after it, or null when nothing matched.
 */
export async function changeTask(
  tasks: Model<TaskDocument>,
  filter: Filter & { _id: string },
  update: Record<string, unknown>,
): Promise<WorkflowTask | null> {
  const doc = await tasks
    .findOneAndUpdate(
      { ...filter, _id: new Types.ObjectId(filter._id) },
      { ...update, $inc: { revision: 1 } },
      { returnDocument: 'after' },
    )
    .lean<TaskDocument>()
    .exec();
  return doc === null ? null : toTask(doc);
}
