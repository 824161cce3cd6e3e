import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../auth/clock';
import { InstanceCommands } from './instance-commands';
import { InstanceStore } from './instance-store';
import { JobExecutor } from './job-executor';
import { JobStore } from './job-store';
import { SnapshotDelivery } from './snapshot-delivery';

/** Instances woken per timer pass. */
const TIMERS_PER_PASS = 100;
/** Items re-delivered per pass. */
const REDELIVERIES_PER_PASS = 100;
/**
 * A save's own follow-up normally finishes within milliseconds; the re-delivery pass leaves it
 * this long before treating it as cut short by a crash (a duplicate delivery is harmless, only wasted).
 */
export const REDELIVERY_GRACE_MS = 5_000;
/** A due instance whose hydration fired nothing (or failed) is looked at again after this. */
const TIMER_RETRY_MS = 60_000;

/**
 * The background passes of the embedded runtime: due timers, due jobs, and re-delivery of
 * follow-ups a crash cut short (jobs not created, listeners not told, job outcomes not applied).
 */
@Injectable()
export class EmbeddedBackground {
  private readonly logger = new Logger('EmbeddedWorkflowRuntime');

  constructor(
    private readonly instances: InstanceStore,
    private readonly jobs: JobStore,
    private readonly commands: InstanceCommands,
    private readonly executor: JobExecutor,
    private readonly delivery: SnapshotDelivery,
    private readonly clock: Clock,
  ) {}

  /** One pass of everything due at `now`; returns how many items moved. */
  async runOnce(now: Date = this.clock.now()): Promise<number> {
    const timers = await this.fireTimers(now);
    const jobs = await this.executor.runDue(now);
    const redelivered = await this.redeliver(now);
    await this.commands.settle();
    await this.delivery.settle();
    return timers + jobs + redelivered;
  }

  private async fireTimers(now: Date): Promise<number> {
    let moved = 0;
    for (const instanceId of await this.instances.dueTimers(now, TIMERS_PER_PASS)) {
      try {
        if (await this.commands.fireTimers(instanceId, now)) {
          moved += 1;
          continue;
        }
      } catch (error) {
        this.logger.error(`timer of instance ${instanceId} could not fire: ${String(error)}`);
      }
      await this.instances.postponeTimers(
        instanceId,
        now,
        new Date(now.getTime() + TIMER_RETRY_MS),
      );
    }
    return moved;
  }

  private async redeliver(now: Date): Promise<number> {
    const before = new Date(now.getTime() - REDELIVERY_GRACE_MS);
    let moved = 0;
    for (const record of await this.instances.pendingProjection(before, REDELIVERIES_PER_PASS)) {
      await this.commands.recoverFollowUp(record);
      moved += 1;
    }
    for (const job of await this.jobs.unapplied(before, REDELIVERIES_PER_PASS)) {
      try {
        await this.commands.applyJobOutcome(job._id, job.instanceId, job.outcome);
        await this.jobs.markApplied([job._id]);
        moved += 1;
      } catch (error) {
        this.logger.error(`job ${job._id} could not be applied: ${String(error)}`);
      }
    }
    return moved;
  }
}
