import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../config';
import { WorkflowDeployments } from '../deployments';
import {
  InstanceConflictError,
  TaskNotOpenError,
  WorkflowNotDeployedError,
  WorkflowRuntime,
  type CompleteTaskCommand,
  type Incident,
  type IncidentQuery,
  type InstanceListener,
  type InstanceSnapshot,
  type StartInstanceCommand,
  type WorkflowDeployment,
} from '../runtime';
import { EngineRestClient, OperatonRequestError, restPath } from './engine-rest-client';
import { OperatonChangePoller } from './operaton-change-poller';
import { OperatonDeployer } from './operaton-deployer';
import { OperatonIncidents } from './operaton-incidents';
import { type MirrorDocument, OperatonInstanceStore } from './operaton-instance-store';
import { OperatonPublisher, snapshotOf } from './operaton-publisher';
import { OperatonStarter } from './operaton-starter';
import { OperatonWorkers } from './operaton-workers';
import { toTypedVariables } from './typed-variables';

/**
 * The WorkflowRuntime port over Operaton (SENTINEL_WORKFLOW_RUNTIME=operaton): deploy, start
 * and user-task calls to engine-rest, the WorkerRegistry's handlers as external-task workers,
 * incidents through engine-rest, and a mirror collection for what Operaton does not know (our
 * keys, the instance scope, snapshot revisions and their delivery to listeners).
 * `runDueWork` = one fetchAndLock of jobs, one change poll, one re-delivery pass; the `now`
 * argument is ignored because Operaton's own clock fires its timers.
 */
@Injectable()
export class OperatonWorkflowRuntime extends WorkflowRuntime {
  private readonly logger = new Logger('OperatonWorkflowRuntime');
  private backgroundOn = false;
  private backgroundTimer: NodeJS.Timeout | null = null;
  private backgroundPass: Promise<void> | null = null;

  constructor(
    private readonly rest: EngineRestClient,
    private readonly store: OperatonInstanceStore,
    private readonly deployer: OperatonDeployer,
    private readonly starter: OperatonStarter,
    private readonly publisher: OperatonPublisher,
    private readonly poller: OperatonChangePoller,
    private readonly incidentService: OperatonIncidents,
    private readonly workers: OperatonWorkers,
    private readonly deployments: WorkflowDeployments,
    private readonly config: AppConfig,
  ) {
    super();
    workers.onJobSettled(async (instanceId) => {
      await publisher.refreshByInstanceId(instanceId);
    });
  }

  async deploy(deployment: WorkflowDeployment): Promise<void> {
    await this.deployer.deploy(deployment);
  }

  async start(command: StartInstanceCommand): Promise<InstanceSnapshot> {
    const deployment = await this.deployments.latest(command.workflowKey);
    if (deployment === null) throw new WorkflowNotDeployedError(command.workflowKey);
    const document = await this.starter.start(command, deployment);
    return this.current(document);
  }

  async completeTask(command: CompleteTaskCommand): Promise<InstanceSnapshot> {
    const document = await this.store.byInstanceId(command.instanceId);
    if (document === null) throw new TaskNotOpenError(command.runtimeTaskId);
    const listed = (snapshot: InstanceSnapshot | null) =>
      snapshot?.openTasks.some((task) => task.runtimeTaskId === command.runtimeTaskId) === true;
    // The task must belong to this instance; the last snapshot may lag behind Operaton, so look again.
    if (!listed(snapshotOf(document)) && !listed(await this.publisher.refresh(document))) {
      throw new TaskNotOpenError(command.runtimeTaskId);
    }
    await this.completeInOperaton(command);
    const latest = (await this.store.byId(document._id)) ?? document;
    return this.current(latest, true);
  }

  async instance(instanceId: string): Promise<InstanceSnapshot | null> {
    const document = await this.store.byInstanceId(instanceId);
    return document === null ? null : snapshotOf(document);
  }

  async instanceByBusinessKey(
    workflowKey: string,
    businessKey: string,
  ): Promise<InstanceSnapshot | null> {
    const document = await this.store.byKey(workflowKey, businessKey);
    return document === null ? null : snapshotOf(document);
  }

  async instancesByBusinessKey(businessKey: string): Promise<readonly InstanceSnapshot[]> {
    const documents = await this.store.byBusinessKey(businessKey);
    return documents.flatMap((document) => snapshotOf(document) ?? []);
  }

  incidents(query: IncidentQuery): Promise<{ items: readonly Incident[]; total: number }> {
    return this.incidentService.query(query);
  }

  async retryIncident(incidentId: string, retries: number): Promise<Incident> {
    const { incident, instanceId } = await this.incidentService.retry(incidentId, retries);
    await this.publisher.refreshByInstanceId(instanceId);
    return incident;
  }

  onInstanceChanged(listener: InstanceListener): void {
    this.publisher.addListener(listener);
  }

  async startBackground(): Promise<void> {
    if (this.backgroundOn) return;
    this.backgroundOn = true;
    this.workers.start();
    this.scheduleBackground();
  }

  async stopBackground(): Promise<void> {
    this.backgroundOn = false;
    if (this.backgroundTimer !== null) clearTimeout(this.backgroundTimer);
    this.backgroundTimer = null;
    await this.backgroundPass;
    await this.workers.stop();
  }

  async runDueWork(_now?: Date): Promise<number> {
    const jobs = await this.workers.runOnce();
    return jobs + (await this.pollAndRedeliver());
  }

  private async pollAndRedeliver(): Promise<number> {
    const changed = await this.poller.poll();
    return changed + (await this.publisher.redeliver());
  }

  private scheduleBackground(): void {
    if (!this.backgroundOn) return;
    this.backgroundTimer = setTimeout(() => {
      this.backgroundPass = this.pollAndRedeliver()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.warn(`background poll failed: ${(error as Error).message}`),
        )
        .finally(() => this.scheduleBackground());
    }, this.config.workflows.pollMs);
  }

  /** The document's snapshot, read from Operaton when there is none yet or `fresh` is asked for. */
  private async current(document: MirrorDocument, fresh = false): Promise<InstanceSnapshot> {
    const stored = snapshotOf(document);
    const snapshot = stored !== null && !fresh ? stored : await this.publisher.refresh(document);
    if (snapshot === null)
      throw new InstanceConflictError(document.instanceId ?? document.businessKey);
    return snapshot;
  }

  private async completeInOperaton(command: CompleteTaskCommand): Promise<void> {
    const path = restPath`/task/${command.runtimeTaskId}/complete`;
    const json = { variables: toTypedVariables(command.variables) };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.rest.post<undefined>(path, { json });
        return;
      } catch (error) {
        if (!(error instanceof OperatonRequestError)) throw error;
        if (error.status === 404 || error.isMissingTask)
          throw new TaskNotOpenError(command.runtimeTaskId);
        // Operaton rolled the whole completion back; one more try, then report the conflict.
        if (error.type === 'OptimisticLockingException') {
          if (attempt < 2) continue;
          throw new InstanceConflictError(command.instanceId);
        }
        throw error;
      }
    }
  }
}
