import type { WorkflowDefinition } from '@sentinel/definitions';
import {
  WorkflowDeployments,
  type DeployOutcome,
} from '../../../../src/modules/workflows/deployments/workflow-deployments';
import {
  Notifications,
  type NotificationInput,
} from '../../../../src/modules/workflows/notifications/notifications';
import type {
  CompleteTaskCommand,
  Incident,
  InstanceSnapshot,
  OpenUserTask,
  StartInstanceCommand,
  WorkflowDeployment,
} from '../../../../src/modules/workflows/runtime/runtime.types';
import { TaskNotOpenError } from '../../../../src/modules/workflows/runtime/workflow-errors';
import {
  WorkflowRuntime,
  type InstanceListener,
} from '../../../../src/modules/workflows/runtime/workflow-runtime';

export const DISTRICT_A = '441900003';
export const DISTRICT_B = '441900004';
export const PATH_A = ['440000', '441900', DISTRICT_A];

/** A user task as a runtime reports it. */
export function openTask(
  runtimeTaskId: string,
  elementId: string,
  createdAt: Date,
  overrides: Partial<OpenUserTask> = {},
): OpenUserTask {
  return {
    runtimeTaskId,
    elementId,
    name: elementId,
    candidateGroups: [],
    assignee: null,
    loopIndex: null,
    createdAt: createdAt.toISOString(),
    ...overrides,
  };
}

/** A running instance of `workflowKey` v1 at clinic-a in district A. */
export function snapshotOf(
  overrides: Partial<InstanceSnapshot> & Pick<InstanceSnapshot, 'instanceId' | 'revision'>,
): InstanceSnapshot {
  return {
    workflowKey: 'clinic-qualification-review',
    workflowVersion: 1,
    businessKey: `bk-${overrides.instanceId}`,
    state: 'running',
    scope: { institutionId: 'clinic-a', regionPath: PATH_A },
    variables: {},
    openTasks: [],
    openIncidents: [],
    startedAt: '2026-03-01T00:00:00.000Z',
    endedAt: null,
    ...overrides,
  };
}

export function incident(
  id: string,
  instanceId: string,
  overrides: Partial<Incident> = {},
): Incident {
  return {
    id,
    instanceId,
    workflowKey: 'clinic-qualification-review',
    businessKey: `bk-${instanceId}`,
    activityId: 'setInstitutionStatus',
    topic: 'institution-status',
    message: 'boom',
    attempts: 3,
    createdAt: '2026-03-01T02:00:00.000Z',
    resolvedAt: null,
    ...overrides,
  };
}

/** The review workflow of process 1, with deadlines, as a deployment the projection reads. */
export function reviewDefinition(
  userTasks: WorkflowDefinition['userTasks'] = [
    {
      taskId: 'districtReview',
      title: { zh: '区级审核', en: 'District review' },
      candidateGroups: ['district_reviewer'],
      actions: ['approve', 'reject', 'return'],
      dueAfter: 'P5D',
      remindAfter: 'P3D',
    },
    {
      taskId: 'resubmit',
      title: { zh: '诊所补正', en: 'Clinic corrects' },
      candidateGroups: ['clinic_admin'],
    },
  ],
): WorkflowDefinition {
  return {
    kind: 'workflow',
    key: 'clinic-qualification-review',
    version: 1,
    title: { zh: '诊所资质审核', en: 'Clinic qualification review' },
    bpmn: '<bpmn:definitions/>',
    userTasks,
    jurisdiction: 'district',
  };
}

/** Deployments kept in memory; `save` stores a definition as its own version. */
export class FakeDeployments extends WorkflowDeployments {
  private readonly deployments: WorkflowDeployment[] = [];

  add(definition: WorkflowDefinition): this {
    this.deployments.push({
      key: definition.key,
      version: definition.version,
      processId: 'process',
      definition,
      checksum: `${definition.key}@${String(definition.version)}`,
      deployedAt: new Date(),
      deployedBy: 'test',
    });
    return this;
  }

  save(definition: WorkflowDefinition): Promise<DeployOutcome> {
    this.add(definition);
    const deployment = this.deployments.at(-1) as WorkflowDeployment;
    return Promise.resolve({ deployment, created: true });
  }

  latest(key: string): Promise<WorkflowDeployment | null> {
    const versions = this.deployments.filter((d) => d.key === key);
    return Promise.resolve(versions.sort((a, b) => b.version - a.version)[0] ?? null);
  }

  version(key: string, version: number): Promise<WorkflowDeployment | null> {
    return Promise.resolve(
      this.deployments.find((d) => d.key === key && d.version === version) ?? null,
    );
  }

  list(): Promise<readonly WorkflowDeployment[]> {
    return Promise.resolve(this.deployments);
  }

  startedByForm(): Promise<readonly WorkflowDeployment[]> {
    return Promise.resolve([]);
  }
}

/** Keeps every published notification; the same key twice is stored once, as the port promises. */
export class RecordingNotifications extends Notifications {
  readonly published: NotificationInput[] = [];

  publish(input: NotificationInput): Promise<boolean> {
    if (this.published.some((n) => n.key === input.key)) return Promise.resolve(false);
    this.published.push(input);
    return Promise.resolve(true);
  }

  ofKind(kind: string): NotificationInput[] {
    return this.published.filter((n) => n.kind === kind);
  }
}

/**
 * A runtime whose instances the test scripts: `emit` delivers a snapshot to the listeners, and
 * `completeTask` asks `afterCompletion` what the instance looks like next (default: the task
 * closes and nothing else changes).
 */
export class ScriptedRuntime extends WorkflowRuntime {
  readonly completions: CompleteTaskCommand[] = [];
  private readonly listeners: InstanceListener[] = [];
  private readonly instances = new Map<string, InstanceSnapshot>();
  /** Thrown by the next `completeTask` instead of completing (then cleared). */
  failNextCompletion: Error | null = null;
  afterCompletion: (
    current: InstanceSnapshot,
    command: CompleteTaskCommand,
  ) => Partial<InstanceSnapshot> = () => ({});

  async emit(snapshot: InstanceSnapshot): Promise<void> {
    this.instances.set(snapshot.instanceId, snapshot);
    for (const listener of this.listeners) await listener(snapshot);
  }

  /** The runtime's state changes but no listener hears of it (a delivery lost in a crash). */
  changeUnheard(snapshot: InstanceSnapshot): void {
    this.instances.set(snapshot.instanceId, snapshot);
  }

  deploy(): Promise<void> {
    return Promise.resolve();
  }

  start(command: StartInstanceCommand): Promise<InstanceSnapshot> {
    throw new Error(`scripted runtime does not start ${command.workflowKey}; emit a snapshot`);
  }

  async completeTask(command: CompleteTaskCommand): Promise<InstanceSnapshot> {
    this.completions.push(command);
    const failure = this.failNextCompletion;
    this.failNextCompletion = null;
    if (failure !== null) throw failure;
    const current = this.instances.get(command.instanceId);
    if (!current?.openTasks.some((t) => t.runtimeTaskId === command.runtimeTaskId)) {
      throw new TaskNotOpenError(command.runtimeTaskId);
    }
    const remaining = current.openTasks.filter((t) => t.runtimeTaskId !== command.runtimeTaskId);
    const next: InstanceSnapshot = {
      ...current,
      variables: { ...current.variables, ...command.variables },
      openTasks: remaining,
      revision: current.revision + 1,
      ...this.afterCompletion({ ...current, openTasks: remaining }, command),
    };
    await this.emit(next);
    return next;
  }

  instance(instanceId: string): Promise<InstanceSnapshot | null> {
    return Promise.resolve(this.instances.get(instanceId) ?? null);
  }

  instanceByBusinessKey(
    workflowKey: string,
    businessKey: string,
  ): Promise<InstanceSnapshot | null> {
    return Promise.resolve(
      [...this.instances.values()].find(
        (s) => s.workflowKey === workflowKey && s.businessKey === businessKey,
      ) ?? null,
    );
  }

  instancesByBusinessKey(businessKey: string): Promise<readonly InstanceSnapshot[]> {
    return Promise.resolve(
      [...this.instances.values()].filter((s) => s.businessKey === businessKey),
    );
  }

  incidents(): Promise<{ items: readonly Incident[]; total: number }> {
    return Promise.resolve({ items: [], total: 0 });
  }

  retryIncident(incidentId: string): Promise<Incident> {
    throw new Error(`scripted runtime has no incident ${incidentId}`);
  }

  onInstanceChanged(listener: InstanceListener): void {
    this.listeners.push(listener);
  }

  startBackground(): Promise<void> {
    return Promise.resolve();
  }

  stopBackground(): Promise<void> {
    return Promise.resolve();
  }

  runDueWork(): Promise<number> {
    return Promise.resolve(0);
  }
}
