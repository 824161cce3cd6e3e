import { Injectable, Logger, Optional } from '@nestjs/common';
import { ACTIONS_NEEDING_REASON, type WorkflowAction } from '@sentinel/definitions';
import type { Principal } from '../../../common/auth';
import { AuditLog } from '../../audit/audit-log';
import { Clock } from '../../auth/clock';
import type { InstanceSnapshot } from '../runtime/runtime.types';
import {
  InstanceConflictError,
  InstanceExecutionError,
  InvalidVariablesError,
  TaskNotOpenError,
  WorkflowErrors,
} from '../runtime/workflow-errors';
import { WorkflowRuntime } from '../runtime/workflow-runtime';
import { TaskErrors } from './task-errors';
import { TaskFormValues } from './task-form-values';
import { taskAccess } from './task-jurisdiction';
import { TASKS_COLLECTION } from './task-models';
import { TaskProjection } from './task-projection';
import { TaskQueries } from './task-queries';
import { TaskStore } from './task-store';
import { toDetail, type TaskDetail } from './task-views';
import { taskEvent, TimelineStore } from './timeline-store';
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
 * conditional update (open → completing at the revision read) lets exactly one of two racing
 * approvers through to the runtime, and the outcome is recorded once the runtime has moved on.
 */
@Injectable()
export class TaskCompletion {
  private readonly logger = new Logger('TaskCompletion');

  constructor(
    private readonly queries: TaskQueries,
    private readonly tasks: TaskStore,
    private readonly timeline: TimelineStore,
    private readonly formValues: TaskFormValues,
    private readonly projection: TaskProjection,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Optional() private readonly runtime?: WorkflowRuntime,
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
    const values = await this.formValues.check(principal, task, body.values, now);
    if (await this.tasks.signedInRound(task, principal.userId)) throw TaskErrors.alreadySigned();
    const runtime = this.runtime;
    if (runtime === undefined) throw new Error('no workflow runtime is configured');

    const completing = await this.tasks.beginCompletion(task, principal.userId, now);
    if (completing === null) throw WorkflowErrors.taskConflict();
    let snapshot: InstanceSnapshot;
    try {
      snapshot = await runtime.completeTask({
        instanceId: task.instanceId,
        runtimeTaskId: task.runtimeTaskId,
        // The decision is written last so no form field can pass for it.
        variables: { ...values, [task.decisionVariable]: action, reason, comment },
      });
    } catch (error) {
      throw await this.failed(task, error);
    }

    await this.tasks.finishCompletion(task, { action, reason, comment, completedAt: now });
    await this.timeline.record(
      taskEvent(task, 'task.completed', `${task.runtimeTaskId}:completed`, now, {
        seq: task.syncedRevision + 0.5,
        actor: { userId: principal.userId, displayName: principal.displayName },
        action,
        reason,
        comment,
      }),
    );
    await this.audit.append({
      action: 'update',
      actor: principal.userId,
      resource: TASKS_COLLECTION,
      resourceId: task.id,
      details: {
        operation: 'complete',
        decision: action,
        workflowKey: task.workflowKey,
        elementId: task.elementId,
        businessKey: task.businessKey,
        reasonGiven: reason !== null,
      },
    });
    // The runtime also tells its listeners; applying the answer here means the next task is
    // listed as soon as this request returns. A failure is left to the runtime's redelivery.
    await this.projection.sync(snapshot).catch((error: unknown) => {
      this.logger.warn(
        { err: error, instanceId: task.instanceId },
        'projecting a completion failed',
      );
    });
    const completed = await this.tasks.findById(task.id);
    return toDetail(principal, completed ?? task, this.clock.now());
  }

  private offeredAction(task: WorkflowTask, action: string): WorkflowAction {
    const offered = task.actions.find((candidate) => candidate === action);
    if (offered === undefined) throw WorkflowErrors.actionNotOffered(action, task.actions);
    return offered;
  }

  /** Puts the task back the way the failure means, and says what to answer. */
  private async failed(task: WorkflowTask, error: unknown): Promise<unknown> {
    if (error instanceof TaskNotOpenError) {
      const now = this.clock.now();
      await this.tasks.cancelCompleting(task, now);
      await this.timeline.record(
        taskEvent(task, 'task.cancelled', `${task.runtimeTaskId}:cancelled`, now, {
          seq: task.syncedRevision + 0.5,
        }),
      );
      return WorkflowErrors.taskNotOpen();
    }
    await this.tasks.revertCompletion(task);
    if (error instanceof InstanceConflictError) return WorkflowErrors.taskConflict();
    if (error instanceof InvalidVariablesError)
      return WorkflowErrors.variablesRefused(error.message);
    if (error instanceof InstanceExecutionError) return WorkflowErrors.processCannotContinue();
    return error;
  }
}
