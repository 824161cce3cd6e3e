import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../config';
import { Clock } from '../../../common/clock';
import {
  IncidentNotFoundError,
  WorkflowRuntime,
  type CompleteTaskCommand,
  type Incident,
  type IncidentQuery,
  type InstanceListener,
  type InstanceSnapshot,
  type StartInstanceCommand,
  type WorkflowDeployment,
} from '../runtime';
import { CompiledProcesses } from './compiled-processes';
import { EmbeddedBackground } from './embedded-background';
import { IncidentStore, toIncident } from './incident-store';
import { InstanceCommands } from './instance-commands';
import { instanceIdFor } from './instance-ids';
import { toSnapshot } from './instance-snapshot';
import { InstanceStore } from './instance-store';
import { JobExecutor } from './job-executor';
import { JobStore } from './job-store';
import { SnapshotDelivery } from './snapshot-delivery';

/**
 * bpmn-engine embedded in this process: each command hydrates the instance from its lean state
 * in `workflow_instances`, runs it until it waits, saves it with an optimistic revision and drops
 * the engine, so parked instances cost no memory. External tasks are jobs (`workflow_jobs`) run
 * by the job executor; timers are due times the scheduler fires. See ADR 0010.
 */
@Injectable()
export class EmbeddedWorkflowRuntime extends WorkflowRuntime {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<unknown> | null = null;
  private running = false;
  private readonly logger = new Logger('EmbeddedWorkflowRuntime');

  constructor(
    private readonly processes: CompiledProcesses,
    private readonly commands: InstanceCommands,
    private readonly instances: InstanceStore,
    private readonly jobs: JobStore,
    private readonly incidentStore: IncidentStore,
    private readonly executor: JobExecutor,
    private readonly background: EmbeddedBackground,
    private readonly delivery: SnapshotDelivery,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    super();
  }

  /** Compiles (and caches) the version; a text bpmn-engine cannot parse is refused here. */
  async deploy(deployment: WorkflowDeployment): Promise<void> {
    await this.processes.forDeployment(deployment);
  }

  async start(command: StartInstanceCommand): Promise<InstanceSnapshot> {
    return toSnapshot(await this.commands.start(command));
  }

  async completeTask(command: CompleteTaskCommand): Promise<InstanceSnapshot> {
    return toSnapshot(await this.commands.completeTask(command));
  }

  async instance(instanceId: string): Promise<InstanceSnapshot | null> {
    const record = await this.instances.load(instanceId);
    return record === null ? null : toSnapshot(record);
  }

  async instanceByBusinessKey(
    workflowKey: string,
    businessKey: string,
  ): Promise<InstanceSnapshot | null> {
    return this.instance(instanceIdFor(workflowKey, businessKey));
  }

  async instancesByBusinessKey(businessKey: string): Promise<readonly InstanceSnapshot[]> {
    return (await this.instances.byBusinessKey(businessKey)).map(toSnapshot);
  }

  incidents(query: IncidentQuery): Promise<{ items: readonly Incident[]; total: number }> {
    return this.incidentStore.list(query);
  }

  /**
   * Gives the incident's job `retries` deliveries from now, then resolves the incident (at most
   * once: a concurrent retry finds it resolved) and drops it from the instance's open incidents.
   * The job goes first so a crash in between never leaves it parked on a resolved incident:
   * it leaves a runnable job and an open incident a second retry resolves. A job parked on an
   * incident resolved by older code is reopened by the background pass.
   */
  async retryIncident(incidentId: string, retries: number): Promise<Incident> {
    const now = this.clock.now();
    const open = await this.incidentStore.load(incidentId);
    if (open === null || open.resolvedAt !== null) throw new IncidentNotFoundError(incidentId);
    const deliveries = Math.max(1, Math.floor(retries));
    // False when the instance moved on (or a concurrent retry reopened it): nothing more to run.
    await this.jobs.reopen(open.jobId, incidentId, deliveries, now);
    const resolved = await this.incidentStore.resolve(incidentId, now);
    if (resolved === null) throw new IncidentNotFoundError(incidentId);
    await this.commands.updateIncidents(resolved.instanceId, (incidents) =>
      incidents.filter((incident) => incident.id !== incidentId),
    );
    return toIncident(resolved);
  }

  onInstanceChanged(listener: InstanceListener): void {
    this.delivery.add(listener);
  }

  async startBackground(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.commands.attachDispatcher(this.executor);
    this.schedule();
  }

  async stopBackground(): Promise<void> {
    this.running = false;
    this.commands.attachDispatcher(null);
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.pass;
    await this.executor.drain();
    await this.commands.settle();
    await this.delivery.settle();
  }

  async runDueWork(now?: Date): Promise<number> {
    return this.background.runOnce(now ?? this.clock.now());
  }

  /** One pass, then the next after `pollMs`: passes never overlap. */
  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pass = this.background
        .runOnce(this.clock.now())
        .catch((error: unknown) => this.logger.error(`background pass failed: ${String(error)}`))
        .finally(() => {
          this.pass = null;
          if (this.running) this.schedule();
        });
    }, this.config.workflows.pollMs);
    this.timer.unref();
  }
}
