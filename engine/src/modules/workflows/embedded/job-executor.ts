import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../config';
import { Clock } from '../../../common/clock';
import {
  BpmnBusinessError,
  InstanceExecutionError,
  WorkerRegistry,
  retriesLeft,
  retryDelayMs,
  type Incident,
  type WorkerDefinition,
} from '../runtime';
import { CompiledProcesses } from './compiled-processes';
import type { EngineSession } from './engine-session';
import type { JobOutcome } from './external-task-service';
import { IncidentStore } from './incident-store';
import type { InstanceRecord } from './instance.schema';
import { InstanceCommands, type JobDispatcher } from './instance-commands';
import { InstanceStore } from './instance-store';
import type { JobRecord } from './job.schema';
import { JobStore, type JobLock } from './job-store';
import { catchesError } from './process-compiler';
import { normaliseVariables } from './process-variables';

/** Handlers running at once in this process; more due jobs wait for the next poll. */
const MAX_CONCURRENT_HANDLERS = 16;
/** Jobs locked per poll. */
const JOBS_PER_PASS = 100;

/**
 * Camunda-style external tasks for the embedded runtime: locks due jobs (also those whose lock
 * expired — their worker died), runs the registered handler outside the engine, stores the
 * outcome on the job and only then resumes the instance, so a crash after the handler never runs
 * it twice. Failures are retried with the worker's backoff, then become incidents.
 */
@Injectable()
export class JobExecutor implements JobDispatcher {
  private readonly running = new Set<Promise<void>>();
  private readonly logger = new Logger('EmbeddedWorkflowRuntime');

  constructor(
    private readonly jobs: JobStore,
    private readonly incidents: IncidentStore,
    private readonly instances: InstanceStore,
    private readonly commands: InstanceCommands,
    private readonly registry: WorkerRegistry,
    private readonly processes: CompiledProcesses,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  claim(topic: string): boolean {
    return this.registry.has(topic) && this.running.size < MAX_CONCURRENT_HANDLERS;
  }

  /** The fast path: jobs this process just created already locked for itself run now. */
  dispatch(jobs: readonly JobRecord[], record: InstanceRecord, live: EngineSession | null): void {
    for (const job of jobs) void this.track(this.deliver(job, record, live));
  }

  /** One poll: locks due jobs (up to the free slots) and waits for their deliveries. */
  async runDue(now: Date): Promise<number> {
    const deliveries: Promise<void>[] = [];
    const lockUntil = new Date(now.getTime() + this.config.workflows.jobLockMs);
    while (deliveries.length < JOBS_PER_PASS && this.running.size < MAX_CONCURRENT_HANDLERS) {
      const job = await this.jobs.lockNext(now, this.config.workflows.workerId, lockUntil);
      if (job === null) break;
      deliveries.push(this.track(this.deliver(job, null, null)));
    }
    await Promise.all(deliveries);
    return deliveries.length;
  }

  /** Waits until no handler runs (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private track(delivery: Promise<void>): Promise<void> {
    const tracked = delivery.catch((error: unknown) =>
      this.logger.error(`job delivery failed: ${String(error)}`),
    );
    this.running.add(tracked);
    void tracked.then(() => this.running.delete(tracked));
    return tracked;
  }

  private async deliver(
    job: JobRecord,
    known: InstanceRecord | null,
    live: EngineSession | null,
  ): Promise<void> {
    const lock: JobLock = { jobId: job._id, workerId: job.lockedBy ?? '', attempts: job.attempts };
    const record = known ?? (await this.instances.load(job.instanceId));
    if (record === null || !record.waitingJobs.some((waiting) => waiting.jobId === job._id)) {
      // The instance moved on (or ended) since the job was created: nothing to deliver.
      await this.jobs.cancel([job._id], this.clock.now());
      return;
    }
    const worker = this.registry.get(job.topic);
    if (worker === undefined) {
      await this.raiseIncident(
        job,
        lock,
        job.failures,
        `no worker is registered for topic "${job.topic}"`,
      );
      return;
    }
    const outcome = await this.runHandler(job, lock, worker, record);
    if (outcome === null) return;
    if (!(await this.jobs.complete(lock, outcome, this.clock.now()))) return; // lock lost: its new holder delivers
    try {
      await this.commands.applyJobOutcome(job._id, job.instanceId, outcome, record, live);
    } catch (error) {
      if (!(error instanceof InstanceExecutionError)) throw error; // conflicts: the re-delivery pass resumes it
      await this.outcomeRejected(job, error);
    }
  }

  /** A done job whose outcome the process cannot take (its continuation failed): an incident. */
  async outcomeRejected(job: JobRecord, error: InstanceExecutionError): Promise<void> {
    await this.raiseIncident(
      job,
      null,
      job.failures,
      `the process could not continue: ${error.message}`,
    );
  }

  /** Runs the handler; null when the delivery failed (the failure is already recorded). */
  private async runHandler(
    job: JobRecord,
    lock: JobLock,
    worker: WorkerDefinition,
    record: InstanceRecord,
  ): Promise<JobOutcome | null> {
    try {
      const result = await worker.handler({
        topic: job.topic,
        instanceId: job.instanceId,
        workflowKey: job.workflowKey,
        businessKey: job.businessKey,
        activityId: job.activityId,
        idempotencyKey: job._id,
        variables: record.variables,
        scope: record.scope,
        attempt: job.attempts,
      });
      return { kind: 'success', variables: normaliseVariables(result.variables ?? {}) };
    } catch (error) {
      if (error instanceof BpmnBusinessError) return this.bpmnError(job, lock, worker, error);
      await this.fail(job, lock, worker, messageOf(error));
      return null;
    }
  }

  private async bpmnError(
    job: JobRecord,
    lock: JobLock,
    worker: WorkerDefinition,
    error: BpmnBusinessError,
  ): Promise<JobOutcome | null> {
    const process = await this.processes.version(job.workflowKey, job.workflowVersion);
    if (!catchesError(process, job.activityId, error.errorCode)) {
      await this.raiseIncident(
        job,
        lock,
        job.failures,
        `BPMN error "${error.errorCode}" is not caught: ${error.message}`,
      );
      return null;
    }
    try {
      const variables = normaliseVariables(error.variables);
      return { kind: 'bpmnError', errorCode: error.errorCode, message: error.message, variables };
    } catch (invalid) {
      await this.fail(job, lock, worker, messageOf(invalid)); // a handler bug, not a business outcome
      return null;
    }
  }

  private async fail(
    job: JobRecord,
    lock: JobLock,
    worker: WorkerDefinition,
    message: string,
  ): Promise<void> {
    const failures = job.failures + 1;
    const left =
      job.retryBudget === null
        ? retriesLeft(worker, failures)
        : Math.max(0, job.retryBudget - failures);
    if (left <= 0) {
      await this.raiseIncident(job, lock, failures, message);
      return;
    }
    const now = this.clock.now();
    const nextRunAt = new Date(now.getTime() + retryDelayMs(worker.backoff, failures));
    await this.jobs.retryLater(lock, { failures, retriesLeft: left, message }, nextRunAt, now);
  }

  /**
   * Parks the job as an incident: the incident record first (so an incident job always has one),
   * then the job (only while this delivery still holds it), then the instance's snapshot.
   */
  private async raiseIncident(
    job: JobRecord,
    lock: JobLock | null,
    failures: number,
    message: string,
  ): Promise<void> {
    const now = this.clock.now();
    const incident: Incident = {
      id: randomUUID(),
      instanceId: job.instanceId,
      workflowKey: job.workflowKey,
      businessKey: job.businessKey,
      activityId: job.activityId,
      topic: job.topic,
      message: message.slice(0, 1000),
      attempts: job.attempts,
      createdAt: now.toISOString(),
      resolvedAt: null,
    };
    await this.incidents.open({
      ...incidentFields(incident),
      jobId: job._id,
      createdAt: now,
      resolvedAt: null,
    });
    const parked =
      lock === null
        ? await this.jobs.doneToIncident(job._id, incident.id, message, now)
        : await this.jobs.toIncident(lock, { failures, retriesLeft: 0, message }, incident.id, now);
    if (!parked) {
      await this.incidents.discard(incident.id);
      return;
    }
    this.logger.warn(
      `incident ${incident.id} on ${job.workflowKey}/${job.activityId}: ${incident.message}`,
    );
    await this.commands.updateIncidents(job.instanceId, (open) => [...open, incident]);
  }
}

function incidentFields(incident: Incident) {
  return {
    _id: incident.id,
    instanceId: incident.instanceId,
    workflowKey: incident.workflowKey,
    businessKey: incident.businessKey,
    activityId: incident.activityId,
    topic: incident.topic,
    message: incident.message,
    attempts: incident.attempts,
  };
}

/** A failure's message for the job and the incident: never the stack. */
function messageOf(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1000);
}
