import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../common/auth';
import type { Page } from '../../../common/http';
import { Clock } from '../../../common/clock';
import { WorkflowErrors, type Variables } from '../runtime';
import { InstanceAccess } from './instance-access';
import { mayFollowInstance } from './instance-audience';
import type { EventDocument } from './task-models';
import { TaskInstanceStore } from './task-instance-store';
import { taskAccess } from './task-jurisdiction';
import { taskVisibilityFilter, type TaskView } from './task-jurisdiction-filter';
import { TaskStore } from './task-store';
import { toDetail, toListItem, type TaskDetail, type TaskListItem } from './task-views';
import { TimelineStore } from './timeline-store';
import { taskScopeOf, type WorkflowTask } from './workflow-task';

export interface TaskListQuery {
  readonly view: TaskView;
  readonly status: 'open' | 'completed' | 'cancelled';
  readonly workflowKey?: string;
  readonly businessKey?: string;
  readonly overdue?: boolean;
  readonly page: number;
  readonly pageSize: number;
}

/** One line of `GET /api/processes/:businessKey/timeline`. */
export interface TimelineEntry {
  readonly type: string;
  readonly at: string;
  readonly instanceId: string;
  readonly workflowKey: string;
  readonly taskId: string | null;
  readonly elementId: string | null;
  readonly title: EventDocument['title'];
  readonly actor: { readonly userId: string; readonly displayName: string | null } | null;
  readonly action: string | null;
  readonly reason: string | null;
  readonly comment: string | null;
  readonly targets: EventDocument['targets'];
  /** task.completed: the task-form values of the decision. */
  readonly values: Variables | null;
  readonly incident: EventDocument['incident'];
}

const OPEN_STATUSES = ['open', 'completing'];
/** Longer keys name nothing (business keys are submission ids and the like). */
const MAX_BUSINESS_KEY = 128;

function statusFilter(status: TaskListQuery['status']): Record<string, unknown> {
  return { status: status === 'open' ? { $in: OPEN_STATUSES } : status };
}

function overdueFilter(overdue: boolean, now: Date): Record<string, unknown> {
  const late = { status: { $in: OPEN_STATUSES }, dueAt: { $ne: null, $lt: now } };
  return overdue
    ? late
    : { $or: [{ status: { $nin: OPEN_STATUSES } }, { dueAt: null }, { dueAt: { $gte: now } }] };
}

function toTimelineEntry(event: EventDocument): TimelineEntry {
  return {
    type: event.type,
    at: event.at.toISOString(),
    instanceId: event.instanceId,
    workflowKey: event.workflowKey,
    taskId: event.taskId,
    elementId: event.elementId,
    title: event.title,
    actor: event.actor === null ? null : { userId: event.actor, displayName: event.actorName },
    action: event.action,
    reason: event.reason,
    comment: event.comment,
    targets: event.targets,
    values: event.values ?? null,
    incident: event.incident,
  };
}

/** Reads of the task API: lists and details filtered by the jurisdiction rule, and timelines. */
@Injectable()
export class TaskQueries {
  constructor(
    private readonly tasks: TaskStore,
    private readonly timeline: TimelineStore,
    private readonly instances: TaskInstanceStore,
    private readonly access: InstanceAccess,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, query: TaskListQuery): Promise<Page<TaskListItem>> {
    const now = this.clock.now();
    const conditions: Record<string, unknown>[] = [
      taskVisibilityFilter(principal, query.view),
      statusFilter(query.status),
    ];
    if (query.workflowKey !== undefined) conditions.push({ workflowKey: query.workflowKey });
    if (query.businessKey !== undefined) conditions.push({ businessKey: query.businessKey });
    if (query.overdue !== undefined) conditions.push(overdueFilter(query.overdue, now));
    const { items, total } = await this.tasks.list(
      { $and: conditions },
      { skip: (query.page - 1) * query.pageSize, limit: query.pageSize },
    );
    return {
      items: items.map((task) => toListItem(task, now)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async detail(principal: Principal, id: string): Promise<TaskDetail> {
    return this.detailOf(principal, await this.visibleTask(principal, id));
  }

  /** The detail of a task the caller may see, with what was completed before it in its instance. */
  async detailOf(principal: Principal, task: WorkflowTask): Promise<TaskDetail> {
    const history = await this.tasks.completedOf(task.instanceId);
    return toDetail(principal, task, this.clock.now(), history);
  }

  /** The task if the caller may see it at all; unknown and out of jurisdiction are both 404. */
  async visibleTask(principal: Principal, id: string): Promise<WorkflowTask> {
    const task = await this.tasks.findById(id);
    if (task === null || taskAccess(principal, taskScopeOf(task)) === null) {
      throw WorkflowErrors.taskNotFound();
    }
    return task;
  }

  /**
   * What happened in every instance started for the business key that the caller may follow
   * (`mayFollowInstance`), oldest event first. None of them → 404, as for an unknown key.
   */
  async timelineOf(
    principal: Principal,
    businessKey: string,
  ): Promise<{ businessKey: string; events: TimelineEntry[] }> {
    if (businessKey.length > MAX_BUSINESS_KEY) throw WorkflowErrors.processNotFound();
    const instances = await this.instances.byBusinessKey(businessKey);
    if (instances.length === 0) throw WorkflowErrors.processNotFound();
    const [events, tasks] = await Promise.all([
      this.timeline.ofBusinessKey(businessKey),
      this.tasks.ofInstances(instances.map((instance) => instance._id)),
    ]);
    const followed = new Set<string>();
    for (const instance of instances) {
      const ofInstance = (item: { instanceId: string }) => item.instanceId === instance._id;
      const actorIds = events
        .filter(ofInstance)
        .flatMap((event) => (event.actor === null ? [] : [event.actor]));
      const audience = await this.access.audienceOf(
        { ...instance, workflowVersion: instance.workflowVersion ?? null },
        tasks.filter(ofInstance),
        actorIds,
      );
      if (mayFollowInstance(principal, audience)) followed.add(instance._id);
    }
    if (followed.size === 0) throw WorkflowErrors.processNotFound();
    return {
      businessKey,
      events: events.filter((event) => followed.has(event.instanceId)).map(toTimelineEntry),
    };
  }
}
