import { Injectable, Logger } from '@nestjs/common';
import { ACTIONS_NEEDING_REASON, type WorkflowAction } from '@sentinel/definitions';
import type { Principal } from '../../../common/auth';
import { Clock } from '../../../common/clock';
import {
  InstanceConflictError,
  InstanceExecutionError,
  InvalidVariablesError,
  TaskNotOpenError,
  WorkflowErrors,
  WorkflowRuntime,
  type Variables,
} from '../runtime';
import { CompletionRecorder } from './completion-recorder';
import { CompletionStore } from './completion-store';
import { TaskDeployments } from './task-deployments';
import { TaskErrors } from './task-errors';
import { TaskFormValues } from './task-form-values';
import { taskAccess } from './task-jurisdiction';
import { TaskProjection } from './task-projection';
import { TaskQueries } from './task-queries';
import { TaskStore } from './task-store';
import type { TaskDetail } from './task-views';
import { taskEvent, TimelineStore } from './timeline-store';
import { firstTrustedKey, trustedVariableNames } from './trusted-variables';
import { taskScopeOf, type WorkflowTask } from './workflow-task';

/** `POST /api/tasks/:id/complete`, checked. */
export interface CompleteTaskBody {
  readonly action: string;
  readonly reason?: string;
  readonly comment?: string;
  readonly values?: Readonly<Record<string, unknown>>;
}

const blankToNull = (text: string | undefined): string | null => {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/**
 * Completing a task: every check that can refuse runs before the task is touched; then one
 * conditional update (open → completing at the revision read, the decision stored as pending)
 * lets exactly one of two racing approvers through to the runtime, and the outcome is recorded
 * once the runtime has answered. When the answer says nothing about whether the runtime moved
 * on, the task stays `completing` for the projection or the repair pass to settle.
 */
@Injectable()
export class TaskCompletion {
  private readonly logger = new Logger('TaskCompletion');

  constructor(
    private readonly queries: TaskQueries,
    private readonly tasks: TaskStore,
    private readonly completions: CompletionStore,
    private readonly recorder: CompletionRecorder,
    private readonly timeline: TimelineStore,
    private readonly formValues: TaskFormValues,
    private readonly deployments: TaskDeployments,
    private readonly projection: TaskProjection,
    private readonly clock: Clock,
    private readonly runtime: WorkflowRuntime,
  ) {}

  async complete(principal: Principal, id: string, body: CompleteTaskBody): Promise<TaskDetail> {
    const task = await this.queries.visibleTask(principal, id);
    if (task.status !== 'open') throw WorkflowErrors.taskNotOpen();
    if (taskAccess(principal, taskScopeOf(task)) !== 'actor') throw TaskErrors.readOnly();
    if (task.assignee !== null && task.assignee !== principal.userId) {
      throw WorkflowErrors.taskAssignedToOther();
    }
    const action = this.offeredAction(task, body.action);
    const reason = blankToNull(body.reason);
    const comment = blankToNull(body.comment);
    if (ACTIONS_NEEDING_REASON.includes(action) && reason === null) {
      throw WorkflowErrors.reasonRequired();
    }
    const now = this.clock.now();
    const values = await this.checkedValues(principal, task, body.values, now);
    if (await this.completions.signedInRound(task, principal.userId)) {
      throw TaskErrors.alreadySigned();
    }
    const begun = await this.completions.begin(
      task,
      { userId: principal.userId, displayName: principal.displayName },
      { action, reason, comment, values },
      now,
    );
    if (begun === 'conflict') throw WorkflowErrors.taskConflict();
    if (begun === 'already-signed') throw TaskErrors.alreadySigned();
    const snapshot = await this.recorder.whileInFlight(begun.id, async () => {
      try {
        return await this.runtime.completeTask({
          instanceId: task.instanceId,
          runtimeTaskId: task.runtimeTaskId,
          // The decision is written last so no form field can pass for it.
          variables: { ...values, [task.decisionVariable]: action, reason, comment },
        });
      } catch (error) {
        throw await this.failed(begun, error);
      }
    });

    // Null when another engine process's projection recorded it first, with the same decision.
    await this.recorder.finish(begun);
    // The runtime also tells its listeners; applying the answer here means the next task is
    // listed as soon as this request returns. A failure is left to the runtime's redelivery.
    await this.projection.sync(snapshot).catch((error: unknown) => {
      this.logger.warn(
        { err: error, instanceId: task.instanceId },
        'projecting a completion failed',
      );
    });
    const completed = await this.tasks.findById(task.id);
    return this.queries.detailOf(principal, completed ?? begun);
  }

  private offeredAction(task: WorkflowTask, action: string): WorkflowAction {
    const offered = task.actions.find((candidate) => candidate === action);
    if (offered === undefined) throw WorkflowErrors.actionNotOffered(action, task.actions);
    return offered;
  }

  /**
   * The form values, validated, none of them naming a variable the process trusts (checked on
   * what was sent, and again on what validation returns, which may add computed fields).
   */
  private async checkedValues(
    principal: Principal,
    task: WorkflowTask,
    given: Readonly<Record<string, unknown>> | undefined,
    now: Date,
  ): Promise<Variables> {
    const deployment = await this.deployments.of(task.workflowKey, task.workflowVersion);
    const trusted = trustedVariableNames(task.decisionVariable, deployment?.definition ?? null);
    const sent = firstTrustedKey(given ?? {}, trusted);
    if (sent !== null) throw TaskErrors.trustedVariable(sent);
    const values = await this.formValues.check(principal, task, given, now);
    const computed = firstTrustedKey(values, trusted);
    if (computed !== null) throw TaskErrors.trustedVariable(computed);
    return values;
  }

  /**
   * Settles the task the way the failure means, and says what to answer. Only failures that
   * prove the runtime did not take the decision reopen it; anything else (a timeout, a lost
   * connection) may have happened after the runtime moved on, so the task stays `completing`.
   */
  private async failed(task: WorkflowTask, error: unknown): Promise<unknown> {
    if (error instanceof TaskNotOpenError) {
      const now = this.clock.now();
      const cancelled = await this.completions.cancel(task, now);
      if (cancelled !== null) {
        await this.timeline.record(
          taskEvent(cancelled, 'task.cancelled', `${task.runtimeTaskId}:cancelled`, now, {
            seq: task.syncedRevision + 0.5,
          }),
        );
      }
      return WorkflowErrors.taskNotOpen();
    }
    if (error instanceof InstanceConflictError) {
      await this.completions.reopen(task);
      return WorkflowErrors.taskConflict();
    }
    if (error instanceof InvalidVariablesError) {
      await this.completions.reopen(task);
      return WorkflowErrors.variablesRefused(error.message);
    }
    if (error instanceof InstanceExecutionError) {
      await this.completions.reopen(task);
      return WorkflowErrors.processCannotContinue();
    }
    this.logger.error(
      { err: error, taskId: task.id, instanceId: task.instanceId },
      'completing a task failed without telling whether the runtime took it; the repair pass will settle it',
    );
    return error;
  }
}
