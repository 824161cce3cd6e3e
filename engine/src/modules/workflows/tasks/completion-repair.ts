import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AppConfig } from '../../../config';
import { Clock } from '../../../common/clock';
import { WorkflowRuntime } from '../runtime';
import { CompletionRecorder } from './completion-recorder';
import { CompletionStore } from './completion-store';
import { PeriodicSweep } from './periodic-sweep';
import { TaskProjection } from './task-projection';
import type { WorkflowTask } from './workflow-task';

/** Tasks settled per query; the pass continues until none is left. */
const BATCH = 100;

/** What the repair pass did with one stuck completion. */
export type RepairOutcome = 'reopened' | 'completed' | 'skipped';

/**
 * Settles completions left `completing` (the engine died during the runtime call, or the call
 * failed without saying whether the runtime took the decision) once they are older than twice
 * the job lock, so a request still waiting for the runtime is not second-guessed. The runtime
 * decides: its task still open → the decision was not taken and the task is open again; gone →
 * it was, and the task is completed with its pending decision.
 */
@Injectable()
export class CompletionRepair implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CompletionRepair');
  private readonly sweep = new PeriodicSweep('completion repair pass', this.logger, () =>
    this.runDue(this.clock.now()),
  );

  constructor(
    private readonly completions: CompletionStore,
    private readonly recorder: CompletionRecorder,
    private readonly projection: TaskProjection,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly runtime: WorkflowRuntime,
  ) {}

  onApplicationBootstrap(): void {
    this.sweep.start(this.config.workflows.jobLockMs);
  }

  onModuleDestroy(): Promise<void> {
    return this.sweep.stop();
  }

  /** How long a completion may wait for the runtime before the repair pass asks it. */
  get limitMs(): number {
    return 2 * this.config.workflows.jobLockMs;
  }

  /** Settles every completion stuck at `now`; returns how many this call settled. */
  async runDue(now: Date): Promise<number> {
    const before = new Date(now.getTime() - this.limitMs);
    const seen = new Set<string>();
    let settled = 0;
    for (;;) {
      const stuck = await this.completions.stuck(before, BATCH, [...seen]);
      for (const task of stuck) {
        seen.add(task.id);
        const outcome = await this.settle(task).catch((error: unknown) => {
          this.logger.warn({ err: error, taskId: task.id }, 'repairing a completion failed');
          return 'skipped' as const;
        });
        if (outcome !== 'skipped') settled += 1;
      }
      if (stuck.length < BATCH) return settled;
    }
  }

  private async settle(task: WorkflowTask): Promise<RepairOutcome> {
    if (this.recorder.isInFlight(task.id)) return 'skipped';
    const snapshot = await this.runtime.instance(task.instanceId);
    const stillOpen =
      snapshot?.openTasks.some((open) => open.runtimeTaskId === task.runtimeTaskId) ?? false;
    if (stillOpen) {
      return (await this.completions.reopen(task)) === null ? 'skipped' : 'reopened';
    }
    const done = await this.recorder.finish(task);
    // Whatever the runtime did next (the next task) may not have reached the projection either.
    if (snapshot !== null) await this.projection.sync(snapshot);
    return done === null ? 'skipped' : 'completed';
  }
}
