import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../common/auth';
import { AuditLog } from '../../audit';
import { Accounts, type AccountView } from '../../auth';
import { Clock } from '../../../common/clock';
import { Notifications } from '../notifications';
import { WorkflowErrors } from '../runtime';
import { InstanceAccess } from './instance-access';
import { mayFollowInstance } from './instance-audience';
import { TaskErrors } from './task-errors';
import {
  inJurisdiction,
  isCandidate,
  taskAccess,
  type JurisdictionSubject,
} from './task-jurisdiction';
import { TASKS_COLLECTION } from './task-models';
import { TaskQueries } from './task-queries';
import { TaskStore } from './task-store';
import type { TaskDetail } from './task-views';
import { taskEvent, TimelineStore, type TimelineEventType } from './timeline-store';
import { taskScopeOf, type TaskCc, type WorkflowTask } from './workflow-task';

/** Bounds that keep one task document small whatever clients send. */
export const MAX_CC_PER_TASK = 50;
export const MAX_COMMENTS_PER_TASK = 500;

function subjectOf(account: AccountView): JurisdictionSubject {
  return {
    userId: account.id,
    roles: account.roles,
    ...(account.institutionId === undefined ? {} : { institutionId: account.institutionId }),
    ...(account.organisationCode === undefined
      ? {}
      : { organisationCode: account.organisationCode }),
    ...(account.regionCode === undefined ? {} : { regionCode: account.regionCode }),
  };
}

const actorOf = (principal: Principal) => ({
  userId: principal.userId,
  displayName: principal.displayName,
});

/**
 * Claim (签收), unclaim, transfer (转交), CC (抄送) and comments. Every change is a conditional
 * update on the task as read, a timeline line keyed by the task's new revision, and for changes
 * of who may act, an audit row.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly queries: TaskQueries,
    private readonly tasks: TaskStore,
    private readonly timeline: TimelineStore,
    private readonly accounts: Accounts,
    private readonly access: InstanceAccess,
    private readonly notifications: Notifications,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async claim(principal: Principal, id: string): Promise<TaskDetail> {
    const task = await this.actionable(principal, id);
    if (task.assignee === principal.userId) return this.detail(principal, task);
    if (task.assignee !== null) throw TaskErrors.alreadyClaimed();
    const now = this.clock.now();
    const claimed = await this.tasks.claim(task, principal.userId, now);
    if (claimed === null) throw TaskErrors.alreadyClaimed();
    await this.record(claimed, 'task.claimed', principal, now);
    return this.detail(principal, claimed);
  }

  async unclaim(principal: Principal, id: string): Promise<TaskDetail> {
    const task = await this.queries.visibleTask(principal, id);
    if (task.status !== 'open') throw WorkflowErrors.taskNotOpen();
    if (task.assignee !== principal.userId) throw TaskErrors.notAssignee();
    const released = await this.tasks.unclaim(task, principal.userId);
    if (released === null) throw WorkflowErrors.taskConflict();
    await this.record(released, 'task.unclaimed', principal, this.clock.now());
    return this.detail(principal, released);
  }

  async transfer(
    principal: Principal,
    id: string,
    body: { userId: string; comment?: string },
  ): Promise<TaskDetail> {
    const task = await this.actionable(principal, id);
    if (task.assignee !== null && task.assignee !== principal.userId) {
      throw WorkflowErrors.taskAssignedToOther();
    }
    const target = await this.accounts.findById(body.userId);
    if (target === null) throw TaskErrors.transferTarget('unknown');
    if (!target.enabled) throw TaskErrors.transferTarget('disabled');
    const subject = subjectOf(target);
    if (!inJurisdiction(subject, task) || !isCandidate(subject, taskScopeOf(task))) {
      throw TaskErrors.transferTarget('ineligible');
    }
    if (task.assignee === target.id) throw TaskErrors.transferTarget('same');

    const now = this.clock.now();
    const moved = await this.tasks.transfer(task, target.id, now);
    if (moved === null) throw WorkflowErrors.taskConflict();
    const comment = body.comment?.trim() || null;
    await this.record(moved, 'task.transferred', principal, now, {
      comment,
      targets: [{ userId: target.id, displayName: target.displayName }],
    });
    await this.notifications.publish(
      {
        key: `${moved.id}:transfer:${String(moved.revision)}`,
        kind: 'task-transfer',
        title: { zh: `待办转交：${moved.title.zh}`, en: `Task transferred: ${moved.title.en}` },
        body: {
          zh: `${principal.displayName} 将任务转交给您${comment === null ? '' : `：${comment}`}`,
          en: `${principal.displayName} transferred this task to you${comment === null ? '' : `: ${comment}`}`,
        },
        audience: { userIds: [target.id] },
        link: `/tasks/${moved.id}`,
        businessKey: moved.businessKey,
      },
      now,
    );
    await this.auditChange(principal, moved, 'transfer', { to: target.id });
    return this.detail(principal, moved);
  }

  async cc(principal: Principal, id: string, userIds: readonly string[]): Promise<TaskDetail> {
    const task = await this.queries.visibleTask(principal, id);
    if (taskAccess(principal, taskScopeOf(task)) !== 'actor') throw TaskErrors.readOnly();
    const already = new Set(task.cc.map((entry) => entry.userId));
    const now = this.clock.now();
    const added: TaskCc[] = [];
    const audience = await this.access.audienceOfTask(task);
    for (const [index, userId] of userIds.entries()) {
      if (already.has(userId) || added.some((entry) => entry.userId === userId)) continue;
      const account = await this.accounts.findById(userId);
      if (account === null) throw TaskErrors.ccTarget(index, 'unknown');
      if (!account.enabled) throw TaskErrors.ccTarget(index, 'disabled');
      // The copy must be readable (the task's jurisdiction) and the reader someone who may
      // follow this instance at all: being in the region is not enough (see mayFollowInstance).
      const subject = subjectOf(account);
      if (!inJurisdiction(subject, task) || !mayFollowInstance(subject, audience)) {
        throw TaskErrors.ccTarget(index, 'out-of-scope');
      }
      added.push({ userId, displayName: account.displayName, by: principal.userId, at: now });
    }
    if (added.length === 0) return this.detail(principal, task);
    if (already.size + added.length > MAX_CC_PER_TASK) throw TaskErrors.tooManyCc(MAX_CC_PER_TASK);

    const copied = await this.tasks.addCc(task, added);
    if (copied === null) throw WorkflowErrors.taskConflict();
    const targets = added.map(({ userId, displayName }) => ({ userId, displayName }));
    await this.record(copied, 'task.cc', principal, now, { targets });
    await this.notifications.publish(
      {
        key: `${copied.id}:cc:${String(copied.revision)}`,
        kind: 'task-cc',
        title: { zh: `抄送：${copied.title.zh}`, en: `Copied to you: ${copied.title.en}` },
        body: {
          zh: `${principal.displayName} 抄送给您一项待办，供知悉`,
          en: `${principal.displayName} copied a task to you for your information`,
        },
        audience: { userIds: added.map((entry) => entry.userId) },
        link: `/tasks/${copied.id}`,
        businessKey: copied.businessKey,
      },
      now,
    );
    await this.auditChange(principal, copied, 'cc', { added: added.length });
    return this.detail(principal, copied);
  }

  async comment(principal: Principal, id: string, text: string): Promise<TaskDetail> {
    const task = await this.queries.visibleTask(principal, id);
    if (task.comments.length >= MAX_COMMENTS_PER_TASK) {
      throw TaskErrors.tooManyComments(MAX_COMMENTS_PER_TASK);
    }
    const now = this.clock.now();
    const comment = {
      id: randomUUID(),
      by: principal.userId,
      byName: principal.displayName,
      text: text.trim(),
      at: now,
    };
    const updated = await this.tasks.addComment(task, comment);
    if (updated === null) throw WorkflowErrors.taskNotFound();
    await this.timeline.record(
      taskEvent(updated, 'task.commented', `${updated.id}:comment:${comment.id}`, now, {
        actor: actorOf(principal),
        comment: comment.text,
      }),
    );
    return this.detail(principal, updated);
  }

  /** Open, visible, and not merely copied to the caller. */
  private async actionable(principal: Principal, id: string): Promise<WorkflowTask> {
    const task = await this.queries.visibleTask(principal, id);
    if (task.status !== 'open') throw WorkflowErrors.taskNotOpen();
    if (taskAccess(principal, taskScopeOf(task)) !== 'actor') throw TaskErrors.readOnly();
    return task;
  }

  private detail(principal: Principal, task: WorkflowTask): Promise<TaskDetail> {
    return this.queries.detailOf(principal, task);
  }

  private record(
    task: WorkflowTask,
    type: TimelineEventType,
    principal: Principal,
    at: Date,
    extra: { comment?: string | null; targets?: { userId: string; displayName: string }[] } = {},
  ): Promise<void> {
    return this.timeline.record(
      taskEvent(task, type, `${task.id}:${type}:${String(task.revision)}`, at, {
        actor: actorOf(principal),
        ...extra,
      }),
    );
  }

  private auditChange(
    principal: Principal,
    task: WorkflowTask,
    operation: string,
    details: Record<string, string | number>,
  ): Promise<void> {
    return this.audit.append({
      action: 'update',
      actor: principal.userId,
      resource: TASKS_COLLECTION,
      resourceId: task.id,
      details: { operation, workflowKey: task.workflowKey, elementId: task.elementId, ...details },
    });
  }
}
