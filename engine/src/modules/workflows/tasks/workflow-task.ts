import type { LocalizedText, WorkflowAction } from '@sentinel/definitions';
import type { Variables } from '../runtime';

/**
 * `completing` is held by one completion between claiming the task and the runtime's answer, so
 * two concurrent completions cannot both reach the runtime.
 */
export const TASK_STATUSES = ['open', 'completing', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Someone a task was copied to (抄送): they may read it and comment, never act on it. */
export interface TaskCc {
  readonly userId: string;
  readonly displayName: string;
  readonly by: string;
  readonly at: Date;
}

export interface TaskComment {
  readonly id: string;
  readonly by: string;
  readonly byName: string;
  readonly text: string;
  readonly at: Date;
}

/**
 * A decision taken on a task whose runtime answer is not known yet (status `completing`): kept so
 * whoever learns the outcome (the request, the projection, the repair pass) records the same one.
 */
export interface PendingCompletion {
  readonly action: WorkflowAction;
  readonly reason: string | null;
  readonly comment: string | null;
  readonly values: Variables;
  /** Who held the task before the completion claimed it: restored if the task is reopened. */
  readonly assignee: string | null;
  readonly claimedAt: Date | null;
}

/** Where a task belongs: the fields the jurisdiction rule reads. */
export interface TaskScope {
  readonly candidateGroups: readonly string[];
  readonly assignee: string | null;
  readonly ccUserIds: readonly string[];
  readonly institutionId: string | null;
  readonly regionPath: readonly string[];
  readonly organisationCode: string | null;
}

/** What the runtime's snapshot and the deployment say about a task occurrence. */
export interface TaskFacts {
  readonly runtimeTaskId: string;
  readonly instanceId: string;
  readonly elementId: string;
  readonly workflowKey: string;
  readonly workflowVersion: number;
  readonly businessKey: string;
  readonly title: LocalizedText;
  readonly formKey: string | null;
  readonly formVersion: number | null;
  readonly actions: readonly WorkflowAction[];
  readonly decisionVariable: string;
  readonly candidateGroups: readonly string[];
  readonly loopIndex: number | null;
  readonly institutionId: string | null;
  readonly regionPath: readonly string[];
  readonly organisationCode: string | null;
  readonly createdAt: Date;
  readonly dueAt: Date | null;
  readonly remindAt: Date | null;
}

/** One user-task occurrence as the task API knows it (collection `workflow_tasks`): facts plus what people did. */
export interface WorkflowTask extends TaskFacts {
  readonly id: string;
  readonly assignee: string | null;
  readonly claimedAt: Date | null;
  /**
   * The multi-instance round this occurrence belongs to (runtime id of the round's first
   * occurrence): one person signs once per round, and a round after a return starts afresh.
   */
  readonly round: string | null;
  readonly status: TaskStatus;
  readonly remindedAt: Date | null;
  readonly completedAt: Date | null;
  readonly completedBy: string | null;
  readonly completedByName: string | null;
  readonly action: WorkflowAction | null;
  readonly reason: string | null;
  readonly comment: string | null;
  /** The validated task-form values of a completed task (non-personal by construction). */
  readonly values: Variables | null;
  /** Set while `completing`: when the decision was taken, and the decision itself. */
  readonly completingSince: Date | null;
  readonly pending: PendingCompletion | null;
  readonly cancelledAt: Date | null;
  readonly cc: readonly TaskCc[];
  readonly comments: readonly TaskComment[];
  /** Bumped by every change a person makes (claim, transfer, cc, comment, completion). */
  readonly revision: number;
  /** The instance revision whose snapshot last touched this task (older snapshots are ignored). */
  readonly syncedRevision: number;
}

export function taskScopeOf(task: WorkflowTask): TaskScope {
  return {
    candidateGroups: task.candidateGroups,
    assignee: task.assignee,
    ccUserIds: task.cc.map((c) => c.userId),
    institutionId: task.institutionId,
    regionPath: task.regionPath,
    organisationCode: task.organisationCode,
  };
}
