import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../config';
import { Clock } from '../../../common/clock';
import { WorkflowDeployments } from '../deployments';
import {
  InstanceConflictError,
  InstanceExecutionError,
  TaskNotOpenError,
  WorkflowNotDeployedError,
  type CompleteTaskCommand,
  type Incident,
  type StartInstanceCommand,
} from '../runtime';
import { CompiledProcesses } from './compiled-processes';
import { EngineSession } from './engine-session';
import type { JobOutcome } from './external-task-service';
import { GroupCommit } from './group-commit';
import type { InstanceRecord } from './instance.schema';
import { instanceIdFor } from './instance-ids';
import { identityOf, newJob, nextInstanceRecord, type InstanceIdentity } from './instance-records';
import { InstanceStore } from './instance-store';
import type { JobRecord } from './job.schema';
import { JobStore } from './job-store';
import { normaliseVariables } from './process-variables';
import { SnapshotDelivery } from './snapshot-delivery';

/** Optimistic saves retried this many times before `InstanceConflictError`. */
const MAX_SAVE_ATTEMPTS = 5;

/** The job executor's fast path: runs handlers of jobs this process just created. */
export interface JobDispatcher {
  /** True when a job of this topic can be run here at once (a handler and a free slot). */
  claim(topic: string): boolean;
  /** `live`: the engine that just parked at the (single) job, still usable to continue in place. */
  dispatch(jobs: readonly JobRecord[], record: InstanceRecord, live: EngineSession | null): void;
}

interface Mutated {
  readonly record: InstanceRecord;
  /** False when nothing moved (or the check skipped it): no new revision. */
  readonly saved: boolean;
}

interface Mutation {
  /** Checked on the stored record before hydrating (may throw); 'skip' leaves the instance as it is. */
  readonly check?: (record: InstanceRecord) => 'skip' | 'go';
  readonly apply?: (session: EngineSession, record: InstanceRecord) => void;
  /** Outcomes known in memory (the job just run), besides the done jobs in the store. */
  readonly outcomes?: ReadonlyMap<string, JobOutcome>;
  readonly now?: Date;
  /** The record as the caller last saved it: saves a read when nobody changed it since. */
  readonly known?: InstanceRecord;
  /** The engine that saved `known`, still alive, with the outcome to continue it with. */
  readonly live?: {
    readonly session: EngineSession;
    readonly jobId: string;
    readonly outcome: JobOutcome;
  };
}

/**
 * Every change of an instance: load, hydrate, apply, save conditionally on the revision read
 * (re-running on a conflict), then follow up — jobs created or cancelled, listeners told.
 */
@Injectable()
export class InstanceCommands {
  private dispatcher: JobDispatcher | null = null;
  private readonly logger = new Logger('EmbeddedWorkflowRuntime');
  private readonly appliedJobs: GroupCommit<string>;

  constructor(
    private readonly store: InstanceStore,
    private readonly jobs: JobStore,
    private readonly processes: CompiledProcesses,
    private readonly deployments: WorkflowDeployments,
    private readonly delivery: SnapshotDelivery,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.appliedJobs = new GroupCommit(
      (ids) => jobs.markApplied(ids),
      (error) => this.logger.warn(`could not mark jobs applied: ${String(error)}`),
    );
  }

  /** Set while the background runs: jobs created from then on may start at once. */
  attachDispatcher(dispatcher: JobDispatcher | null): void {
    this.dispatcher = dispatcher;
  }

  async start(command: StartInstanceCommand): Promise<InstanceRecord> {
    const deployment = await this.deployments.latest(command.workflowKey);
    if (deployment === null) throw new WorkflowNotDeployedError(command.workflowKey);
    const variables = normaliseVariables({
      ...(deployment.definition.parameters ?? {}),
      ...command.variables,
    });
    const process = await this.processes.forDeployment(deployment);
    const identity: InstanceIdentity = {
      instanceId: instanceIdFor(command.workflowKey, command.businessKey),
      workflowKey: deployment.key,
      workflowVersion: deployment.version,
      businessKey: command.businessKey,
      scope: command.scope,
    };
    const now = this.clock.now();
    const session = await EngineSession.start({
      process,
      instanceId: identity.instanceId,
      variables,
      now,
      timers: [],
      jobOutcomes: new Map(),
    });
    session.fireDueTimers(now);
    assertHealthy(session, identity.instanceId);
    const record = await this.next(null, identity, session, now);
    if (!(await this.store.insert(record))) {
      const existing = await this.store.load(identity.instanceId);
      if (existing === null) throw new InstanceConflictError(identity.instanceId);
      return existing;
    }
    await this.followUp(record, [], session);
    return record;
  }

  async completeTask(command: CompleteTaskCommand): Promise<InstanceRecord> {
    const changes = normaliseVariables(command.variables);
    const prefix = `${command.instanceId}:`;
    const executionId = command.runtimeTaskId.startsWith(prefix)
      ? command.runtimeTaskId.slice(prefix.length)
      : null;
    const notOpen = () => new TaskNotOpenError(command.runtimeTaskId);
    const mutated = await this.mutate(command.instanceId, {
      check: (current) => {
        const open = current.openTasks.some((t) => t.runtimeTaskId === command.runtimeTaskId);
        if (!open || executionId === null) throw notOpen();
        return 'go';
      },
      apply: (session) => {
        session.mergeVariables(changes);
        if (executionId === null || !session.completeUserTask(executionId)) throw notOpen();
      },
    });
    if (mutated === null) throw notOpen();
    return mutated.record;
  }

  /** Resumes an instance with a job's outcome; null when the instance is gone. */
  async applyJobOutcome(
    jobId: string,
    instanceId: string,
    outcome: JobOutcome | null,
    known?: InstanceRecord,
    live?: EngineSession | null,
  ): Promise<InstanceRecord | null> {
    const mutated = await this.mutate(instanceId, {
      known,
      live: live && outcome ? { session: live, jobId, outcome } : undefined,
      outcomes: outcome === null ? undefined : new Map([[jobId, outcome]]),
      check: (record) => (record.waitingJobs.some((job) => job.jobId === jobId) ? 'go' : 'skip'),
    });
    return mutated?.record ?? null;
  }

  /** Fires the timers of an instance that fell due by `now`; true when that changed it. */
  async fireTimers(instanceId: string, now: Date): Promise<boolean> {
    return (await this.mutate(instanceId, { now }))?.saved === true;
  }

  /** Changes the open incidents an instance reports (no hydration: the engine state is unchanged). */
  async updateIncidents(
    instanceId: string,
    change: (incidents: readonly Incident[]) => Incident[],
  ): Promise<void> {
    for (let attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
      const record = await this.store.load(instanceId);
      if (record === null) return;
      const next: InstanceRecord = {
        ...record,
        openIncidents: change(record.openIncidents),
        revision: record.revision + 1,
        projectionPending: this.delivery.hasListeners || record.projectionPending,
        updatedAt: this.clock.now(),
      };
      if (await this.store.save(next, record.revision)) {
        await this.followUp(next, record.waitingJobs, null);
        return;
      }
    }
    throw new InstanceConflictError(instanceId);
  }

  /**
   * Finishes a save whose follow-up a crash may have cut short: every job of a waiting task
   * exists (created ready if missing), and the listeners see the revision.
   */
  async recoverFollowUp(record: InstanceRecord): Promise<void> {
    const now = this.clock.now();
    await this.jobs.create(record.waitingJobs.map((waiting) => newJob(record, waiting, now, null)));
    await this.delivery.deliver(record);
  }

  /** Waits for batched job marks. */
  settle(): Promise<void> {
    return this.appliedJobs.settle();
  }

  private async mutate(instanceId: string, mutation: Mutation): Promise<Mutated | null> {
    let known = mutation.known ?? null;
    for (let attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
      const record = known ?? (await this.store.load(instanceId));
      known = null;
      if (record === null) return null;
      if (mutation.check?.(record) === 'skip') return { record, saved: false };
      if (record.state !== 'running' || record.engineState === null)
        return { record, saved: false };
      const now = mutation.now ?? this.clock.now();
      const session =
        (attempt === 1 && record === mutation.known && this.continueLive(mutation, now)) ||
        (await this.hydrate(record, mutation, now));
      session.fireDueTimers(now);
      mutation.apply?.(session, record);
      if (!session.progressed) return { record, saved: false };
      assertHealthy(session, instanceId);
      const next = await this.next(record, identityOf(record), session, now);
      if (await this.store.save(next, record.revision)) {
        await this.followUp(next, record.waitingJobs, session);
        return { record: next, saved: true };
      }
    }
    throw new InstanceConflictError(instanceId);
  }

  /** Recovers the instance from its lean state with the compiled model. */
  private async hydrate(
    record: InstanceRecord,
    mutation: Mutation,
    now: Date,
  ): Promise<EngineSession> {
    const process = await this.processes.version(record.workflowKey, record.workflowVersion);
    return EngineSession.resume(
      {
        process,
        instanceId: record._id,
        variables: record.variables,
        now,
        timers: record.timers,
        jobOutcomes: await this.outcomesFor(record, mutation.outcomes),
      },
      record.engineState ?? '',
    );
  }

  /**
   * The fast path's shortcut: the engine that parked at the job is still alive and nobody saved
   * the instance since (the save below checks that), so it continues in place instead of being
   * recovered from its state.
   */
  private continueLive(mutation: Mutation, now: Date): EngineSession | null {
    const live = mutation.live;
    if (live === undefined) return null;
    return live.session.deliverOutcome(live.jobId, live.outcome, now) ? live.session : null;
  }

  private next(
    previous: InstanceRecord | null,
    identity: InstanceIdentity,
    session: EngineSession,
    now: Date,
  ): Promise<InstanceRecord> {
    const process = this.processes.version(identity.workflowKey, identity.workflowVersion);
    return process.then((compiled) =>
      nextInstanceRecord(previous, identity, session, compiled, now, this.delivery.hasListeners),
    );
  }

  /** Done jobs the instance waits for, plus those known in memory. */
  private async outcomesFor(
    record: InstanceRecord,
    known: ReadonlyMap<string, JobOutcome> | undefined,
  ): Promise<ReadonlyMap<string, JobOutcome>> {
    const missing = record.waitingJobs
      .map((job) => job.jobId)
      .filter((jobId) => known?.has(jobId) !== true);
    if (missing.length === 0) return known ?? new Map();
    const stored = await this.jobs.outcomes(missing);
    for (const [jobId, outcome] of known ?? []) stored.set(jobId, outcome);
    return stored;
  }

  private async followUp(
    record: InstanceRecord,
    previouslyWaiting: readonly { jobId: string }[],
    session: EngineSession | null,
  ): Promise<void> {
    const consumed = session?.consumedJobs ?? new Set<string>();
    const now = record.updatedAt;
    const before = new Set(previouslyWaiting.map((job) => job.jobId));
    const after = new Set(record.waitingJobs.map((job) => job.jobId));
    const dispatcher = this.dispatcher;
    const lockUntil = new Date(now.getTime() + this.config.workflows.jobLockMs);
    const created = record.waitingJobs
      .filter((waiting) => !before.has(waiting.jobId))
      .map((waiting) => {
        const claimed = dispatcher?.claim(waiting.topic) === true;
        const lock = claimed ? { workerId: this.config.workflows.workerId, lockUntil } : null;
        return newJob(record, waiting, now, lock);
      });
    const cancelled = [...before].filter((jobId) => !after.has(jobId) && !consumed.has(jobId));
    await this.jobs.create(created);
    await this.jobs.cancel(cancelled, now);
    for (const jobId of consumed) this.appliedJobs.add(jobId);
    if (record.projectionPending) await this.delivery.deliver(record);
    const locked = created.filter((job) => job.status === 'locked');
    // One job may continue the live engine; with several, each resumes from the store.
    if (locked.length > 0)
      dispatcher?.dispatch(locked, record, locked.length === 1 ? session : null);
  }
}

function assertHealthy(session: EngineSession, instanceId: string): void {
  if (session.error !== null) throw new InstanceExecutionError(instanceId, session.error);
}
