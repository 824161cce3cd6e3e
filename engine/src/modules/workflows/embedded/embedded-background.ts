import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../../common/clock';
import { InstanceExecutionError } from '../runtime';
import { IncidentStore } from './incident-store';
import { InstanceCommands } from './instance-commands';
import { InstanceStore } from './instance-store';
import { JobExecutor } from './job-executor';
import type { JobRecord } from './job.schema';
import { JobStore } from './job-store';
import { SnapshotDelivery } from './snapshot-delivery';

/** Instances woken per timer pass. */
const TIMERS_PER_PASS = 100;
/** Items re-delivered per pass. */
export const REDELIVERIES_PER_PASS = 100;
/** Jobs parked on an incident looked at per pass (the repair pages through all of them). */
const INCIDENT_JOBS_PER_PASS = 100;
/** The longest an outcome that failed to apply waits before the next attempt. */
const APPLY_RETRY_MAX_MS = 10 * 60_000;
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
  /** Where the incident repair goes on next pass (null: from the start). */
  private incidentCursor: string | null = null;

  constructor(
    private readonly instances: InstanceStore,
    private readonly jobs: JobStore,
    private readonly incidents: IncidentStore,
    private readonly commands: InstanceCommands,
    private readonly executor: JobExecutor,
    private readonly delivery: SnapshotDelivery,
    private readonly clock: Clock,
  ) {}

  /** One pass of everything due at `now`; returns how many items moved. */
  async runOnce(now: Date = this.clock.now()): Promise<number> {
    const timers = await this.fireTimers(now);
    // Before the job poll, so a job reopened here runs in this same pass.
    const repaired = await this.repairResolvedIncidents(now);
    const jobs = await this.executor.runDue(now);
    const redelivered = await this.redeliver(now);
    await this.commands.settle();
    await this.delivery.settle();
    return timers + jobs + redelivered + repaired;
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
    for (const job of await this.jobs.unapplied(before, now, REDELIVERIES_PER_PASS)) {
      if (await this.applyOutcome(job, now)) moved += 1;
    }
    return moved;
  }

  /**
   * Applies a stored outcome. One the process cannot take becomes an incident, as in the live
   * delivery; any other failure (a conflict, the store) puts the job off with a backoff.
   */
  private async applyOutcome(job: JobRecord, now: Date): Promise<boolean> {
    try {
      await this.commands.applyJobOutcome(job._id, job.instanceId, job.outcome);
      await this.jobs.markApplied([job._id]);
      return true;
    } catch (error) {
      if (error instanceof InstanceExecutionError) {
        await this.executor.outcomeRejected(job, error);
        return true;
      }
      const failures = (job.applyFailures ?? 0) + 1; // jobs stored before the field existed
      const delay = Math.min(APPLY_RETRY_MAX_MS, REDELIVERY_GRACE_MS * 2 ** (failures - 1));
      this.logger.error(
        `job ${job._id} could not be applied (attempt ${failures}): ${String(error)}`,
      );
      await this.jobs.deferApply(
        job._id,
        String(error).slice(0, 1000),
        new Date(now.getTime() + delay),
      );
      return false;
    }
  }

  /**
   * Reopens jobs still parked on an incident that is resolved: an admin's retry cut short
   * between the two writes (by older code that resolved first), or one that resolved the
   * incident while its job was being parked. The retries granted are lost with it: one delivery.
   */
  private async repairResolvedIncidents(now: Date): Promise<number> {
    const parked = await this.jobs.parkedOnIncidents(this.incidentCursor, INCIDENT_JOBS_PER_PASS);
    const last = parked.at(-1);
    this.incidentCursor = parked.length < INCIDENT_JOBS_PER_PASS ? null : (last?._id ?? null);
    const resolved = await this.incidents.resolvedAmong(
      parked.flatMap((job) => (job.incidentId === null ? [] : [job.incidentId])),
    );
    let moved = 0;
    for (const job of parked) {
      const incidentId = job.incidentId;
      if (incidentId === null || !resolved.has(incidentId)) continue;
      if (!(await this.jobs.reopen(job._id, incidentId, 1, now))) continue;
      this.logger.warn(`job ${job._id} reopened: its incident ${incidentId} was resolved`);
      await this.commands.updateIncidents(job.instanceId, (open) =>
        open.filter((incident) => incident.id !== incidentId),
      );
      moved += 1;
    }
    return moved;
  }
}
