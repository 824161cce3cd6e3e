import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { EVENT_MODEL, type EventDocument } from './task-models';
import type { WorkflowTask } from './workflow-task';
import { isDuplicateKeyError } from '../../../database';

/** Kinds of timeline lines. */
export type TimelineEventType =
  | 'process.started'
  | 'process.ended'
  | 'task.created'
  | 'task.cancelled'
  | 'task.completed'
  | 'task.claimed'
  | 'task.unclaimed'
  | 'task.transferred'
  | 'task.cc'
  | 'task.commented'
  | 'task.reminded'
  | 'incident.opened'
  | 'incident.resolved';

export type TimelineEvent = Omit<EventDocument, '_id' | 'type'> & {
  readonly type: TimelineEventType;
};

/** Who did it, as the timeline shows them. */
export interface TimelineActor {
  readonly userId: string;
  readonly displayName: string;
}

/** The details a timeline line leaves empty unless it is about them (a task, an actor, ...). */
export const NO_EVENT_DETAILS = {
  taskId: null,
  elementId: null,
  title: null,
  actor: null,
  actorName: null,
  action: null,
  reason: null,
  comment: null,
  targets: [],
  values: null,
  incident: null,
} as const satisfies Partial<TimelineEvent>;

/**
 * A line about a task; `key` must name the change uniquely (redelivery writes it once). By
 * default it is something a person did while the task waited (`seq` = its revision + 0.25).
 */
export function taskEvent(
  task: WorkflowTask,
  type: TimelineEventType,
  key: string,
  at: Date,
  extra: Partial<Omit<TimelineEvent, 'type' | 'key' | 'at' | 'actor' | 'actorName'>> & {
    actor?: TimelineActor;
  } = {},
): TimelineEvent {
  const { actor, ...rest } = extra;
  return {
    key,
    type,
    at,
    seq: task.syncedRevision + 0.25,
    instanceId: task.instanceId,
    businessKey: task.businessKey,
    workflowKey: task.workflowKey,
    ...NO_EVENT_DETAILS,
    taskId: task.id,
    elementId: task.elementId,
    title: task.title,
    actor: actor?.userId ?? null,
    actorName: actor?.displayName ?? null,
    ...rest,
  };
}

/** `workflow_events`: written once per key, read per business key, oldest first. */
@Injectable()
export class TimelineStore {
  constructor(@InjectModel(EVENT_MODEL) private readonly events: Model<EventDocument>) {}

  async record(event: TimelineEvent): Promise<void> {
    try {
      await this.events
        .updateOne({ key: event.key }, { $setOnInsert: event }, { upsert: true })
        .exec();
    } catch (error) {
      // Two deliveries raced on the same key: the other one wrote it.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Users named as the actor of an event of the instance. */
  async actorsOf(businessKey: string, instanceId: string): Promise<string[]> {
    const actors = await this.events
      .distinct('actor', { businessKey, instanceId, actor: { $ne: null } })
      .exec();
    return actors.filter((actor): actor is string => typeof actor === 'string');
  }

  async ofBusinessKey(businessKey: string): Promise<EventDocument[]> {
    return this.events
      .find({ businessKey })
      .sort({ at: 1, seq: 1, _id: 1 })
      .lean<EventDocument[]>()
      .exec();
  }
}
