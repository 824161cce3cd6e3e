import type { LocalizedText, WorkflowAction } from '@sentinel/definitions';
import type { Variables } from '../runtime';
import { mayAct, taskAccess, type JurisdictionSubject } from './task-jurisdiction';
import {
  taskScopeOf,
  type TaskCc,
  type TaskComment,
  type TaskStatus,
  type WorkflowTask,
} from './workflow-task';

/** One row of `GET /api/tasks`. */
export interface TaskListItem {
  readonly id: string;
  readonly title: LocalizedText;
  readonly workflowKey: string;
  readonly businessKey: string;
  readonly status: TaskStatus;
  readonly assignee: string | null;
  readonly dueAt: string | null;
  readonly overdue: boolean;
  readonly createdAt: string;
  readonly actions: readonly WorkflowAction[];
  readonly institutionId: string | null;
}

export const TASK_OPERATIONS = [
  'claim',
  'unclaim',
  'complete',
  'transfer',
  'cc',
  'comment',
] as const;
export type TaskOperation = (typeof TASK_OPERATIONS)[number];

/** Who decided a task, what and why; all null until it is completed. */
export interface TaskDecision {
  readonly completedAt: string | null;
  readonly completedBy: string | null;
  readonly completedByName: string | null;
  readonly action: WorkflowAction | null;
  readonly reason: string | null;
  readonly comment: string | null;
  /** The task-form values it was completed with. */
  readonly values: Variables | null;
}

/** A completed task of the same instance, as a later task's detail shows it. */
export interface TaskHistoryEntry extends TaskDecision {
  readonly taskId: string;
  readonly elementId: string;
  readonly title: LocalizedText;
}

/** `GET /api/tasks/:id`. */
export interface TaskDetail extends TaskListItem, TaskDecision {
  readonly elementId: string;
  readonly instanceId: string;
  readonly workflowVersion: number;
  readonly candidateGroups: readonly string[];
  readonly loopIndex: number | null;
  readonly regionPath: readonly string[];
  readonly organisationCode: string | null;
  readonly decisionVariable: string;
  readonly form: { readonly key: string; readonly version: number | null } | null;
  readonly claimedAt: string | null;
  readonly remindAt: string | null;
  readonly remindedAt: string | null;
  readonly cc: readonly (Omit<TaskCc, 'at'> & { readonly at: string })[];
  readonly comments: readonly (Omit<TaskComment, 'at'> & { readonly at: string })[];
  /** What the caller may do now, so clients show only the buttons that will work. */
  readonly allowedOperations: readonly TaskOperation[];
  /**
   * The other completed tasks of the instance, oldest first: what was decided and filled in
   * before (a reviewer sees which licence files the clinic replaced after a return).
   */
  readonly history: readonly TaskHistoryEntry[];
}

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** A task still waiting whose due date has passed. */
export function isOverdue(task: WorkflowTask, now: Date): boolean {
  return (
    (task.status === 'open' || task.status === 'completing') &&
    task.dueAt !== null &&
    task.dueAt.getTime() < now.getTime()
  );
}

export function toListItem(task: WorkflowTask, now: Date): TaskListItem {
  return {
    id: task.id,
    title: task.title,
    workflowKey: task.workflowKey,
    businessKey: task.businessKey,
    status: task.status,
    assignee: task.assignee,
    dueAt: iso(task.dueAt),
    overdue: isOverdue(task, now),
    createdAt: task.createdAt.toISOString(),
    actions: task.actions,
    institutionId: task.institutionId,
  };
}

export function allowedOperations(
  subject: JurisdictionSubject,
  task: WorkflowTask,
): TaskOperation[] {
  const scope = taskScopeOf(task);
  const access = taskAccess(subject, scope);
  if (access === null) return [];
  const open = task.status === 'open';
  const operations: TaskOperation[] = [];
  if (open && access === 'actor' && task.assignee === null) operations.push('claim');
  if (open && task.assignee === subject.userId) operations.push('unclaim');
  if (open && mayAct(subject, scope)) operations.push('complete', 'transfer');
  if (access === 'actor') operations.push('cc');
  operations.push('comment');
  return operations;
}

export function toHistoryEntry(task: WorkflowTask): TaskHistoryEntry {
  return {
    taskId: task.id,
    elementId: task.elementId,
    title: task.title,
    completedBy: task.completedBy,
    completedByName: task.completedByName,
    action: task.action,
    reason: task.reason,
    comment: task.comment,
    values: task.values,
    completedAt: iso(task.completedAt),
  };
}

/** `completedOfInstance`: the instance's completed tasks, oldest first (the task itself is skipped). */
export function toDetail(
  subject: JurisdictionSubject,
  task: WorkflowTask,
  now: Date,
  completedOfInstance: readonly WorkflowTask[] = [],
): TaskDetail {
  return {
    ...toListItem(task, now),
    elementId: task.elementId,
    instanceId: task.instanceId,
    workflowVersion: task.workflowVersion,
    candidateGroups: task.candidateGroups,
    loopIndex: task.loopIndex,
    regionPath: task.regionPath,
    organisationCode: task.organisationCode,
    decisionVariable: task.decisionVariable,
    form: task.formKey === null ? null : { key: task.formKey, version: task.formVersion },
    claimedAt: iso(task.claimedAt),
    remindAt: iso(task.remindAt),
    remindedAt: iso(task.remindedAt),
    completedAt: iso(task.completedAt),
    completedBy: task.completedBy,
    completedByName: task.completedByName,
    action: task.action,
    reason: task.reason,
    comment: task.comment,
    values: task.status === 'completed' ? task.values : null,
    cc: task.cc.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
    comments: task.comments.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
    allowedOperations: allowedOperations(subject, task),
    history: completedOfInstance.filter((other) => other.id !== task.id).map(toHistoryEntry),
  };
}
