import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { Clock } from '../../../common/clock';
import { CompletionStore } from './completion-store';
import { TASKS_COLLECTION } from './task-models';
import { taskEvent, TimelineStore } from './timeline-store';
import type { WorkflowTask } from './workflow-task';

/**
 * Records a completion's outcome once, whoever learns it: the request when the runtime answers,
 * the projection when a snapshot shows the runtime moved past the task, the repair pass when
 * neither happened. Only the one whose conditional update flips `completing` writes the timeline
 * line and the audit row, so they read the same whichever path got there first.
 */
@Injectable()
export class CompletionRecorder {
  /**
   * Tasks whose runtime call is under way in this process. Their request knows the outcome for
   * sure (the runtime may yet refuse), so the projection and the repair pass leave them alone.
   */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly completions: CompletionStore,
    private readonly timeline: TimelineStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async whileInFlight<T>(taskId: string, call: () => Promise<T>): Promise<T> {
    this.inFlight.add(taskId);
    try {
      return await call();
    } finally {
      this.inFlight.delete(taskId);
    }
  }

  isInFlight(taskId: string): boolean {
    return this.inFlight.has(taskId);
  }

  /** completing → completed with the pending decision; null when another path recorded it. */
  async finish(task: WorkflowTask): Promise<WorkflowTask | null> {
    const done = await this.completions.finish(task, this.clock.now());
    if (done === null) return null;
    const completedAt = done.completedAt ?? this.clock.now();
    await this.timeline.record(
      taskEvent(done, 'task.completed', `${done.runtimeTaskId}:completed`, completedAt, {
        // After what people did while it waited, before what the runtime did next.
        seq: task.syncedRevision + 0.5,
        ...(done.completedBy === null
          ? {}
          : {
              actor: {
                userId: done.completedBy,
                displayName: done.completedByName ?? done.completedBy,
              },
            }),
        action: done.action,
        reason: done.reason,
        comment: done.comment,
        values: done.values,
      }),
    );
    await this.audit.append({
      action: 'update',
      actor: done.completedBy ?? 'system',
      resource: TASKS_COLLECTION,
      resourceId: done.id,
      details: {
        operation: 'complete',
        decision: done.action,
        workflowKey: done.workflowKey,
        elementId: done.elementId,
        businessKey: done.businessKey,
        reasonGiven: done.reason !== null,
      },
    });
    return done;
  }
}
