import { randomUUID } from 'node:crypto';
import { BpmnParseError, parseProcesses } from './bpmn-graph';
import {
  type ActivityRecord,
  badRequest,
  type DefinitionRecord,
  type DeploymentRecord,
  emptyRuntimeData,
  EngineRestError,
  type ExternalTaskRecord,
  type InstanceRecord,
  notFound,
  type RuntimeData,
} from './engine-state';
import { ProcessInterpreter } from './interpreter';
import type { StoredValue } from './typed-values';

export interface DeployRequest {
  readonly name: string | null;
  readonly source: string | null;
  readonly duplicateFiltering: boolean;
  readonly changedOnly: boolean;
  readonly resources: ReadonlyMap<string, string>;
}

export interface FetchTopic {
  readonly topicName: string;
  readonly lockDuration: number;
}

/**
 * The state and commands behind the Operaton double's engine-rest resources. Each command runs
 * like one Operaton transaction: on an error every change it made is rolled back. The clock is
 * the double's own (real time plus what a test advanced), so lock expiry, retry timeouts and
 * timers are driven by tests instead of sleeps.
 */
export class DoubleEngine {
  readonly deployments: DeploymentRecord[] = [];
  readonly definitions: DefinitionRecord[] = [];
  data: RuntimeData = emptyRuntimeData();
  /** Set by close(): long-polling fetches answer at once. */
  closed = false;
  private offsetMs = 0;
  private readonly waiters = new Set<() => void>();
  private readonly interpreter = new ProcessInterpreter(
    () => this.data,
    (id) => this.definitionById(id),
    () => this.now(),
  );

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the double's clock forward and fires the timers that became due (the job executor). */
  advance(ms: number): void {
    this.offsetMs += ms;
    this.fireDueTimers();
    this.changed();
  }

  fireDueTimers(): number {
    const due = [...this.data.timers.values()]
      .filter((timer) => timer.dueAt.getTime() <= this.now().getTime())
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    for (const timer of due) this.command(() => this.interpreter.fireTimer(timer.id));
    return due.length;
  }

  /** Resolves on the next state change (long polling of fetchAndLock). */
  nextChange(): { promise: Promise<void>; cancel: () => void } {
    let wake = (): void => undefined;
    const promise = new Promise<void>((resolve) => {
      wake = resolve;
    });
    this.waiters.add(wake);
    return { promise, cancel: () => this.waiters.delete(wake) };
  }

  wakeAll(): void {
    this.changed();
  }

  close(): void {
    this.closed = true;
    this.changed();
  }

  definitionById(id: string): DefinitionRecord {
    const definition = this.definitions.find((candidate) => candidate.id === id);
    if (!definition) throw notFound(`No matching definition with id ${id}`);
    return definition;
  }

  latestDefinition(key: string): DefinitionRecord | undefined {
    return this.definitions
      .filter((definition) => definition.key === key)
      .sort((a, b) => b.version - a.version)[0];
  }

  async deploy(
    request: DeployRequest,
  ): Promise<{ deployment: DeploymentRecord; created: DefinitionRecord[] | null }> {
    const previous = [...this.deployments]
      .reverse()
      .filter(
        (deployment) => deployment.name === request.name && deployment.source === request.source,
      );
    const latestText = (resource: string) =>
      previous.find((deployment) => deployment.resources.has(resource))?.resources.get(resource);
    const changed = [...request.resources].filter(([name, text]) => latestText(name) !== text);
    const filtering = request.duplicateFiltering || request.changedOnly;
    const latest = previous[0];
    if (filtering && changed.length === 0 && latest) return { deployment: latest, created: null };
    const toDeploy = new Map(request.changedOnly ? changed : [...request.resources]);
    const parsed: { resourceName: string; graphs: Awaited<ReturnType<typeof parseProcesses>> }[] =
      [];
    for (const [resourceName, text] of toDeploy) {
      if (!/\.(bpmn|bpmn20\.xml)$/.test(resourceName)) continue;
      try {
        const graphs = await parseProcesses(text);
        const withoutTtl = graphs.find((graph) => graph.historyTimeToLive === null);
        if (withoutTtl) {
          throw new BpmnParseError(
            `ENGINE-12018 History Time To Live (TTL) cannot be null. TTL is necessary for the History Cleanup to work. | ${withoutTtl.key}`,
          );
        }
        parsed.push({ resourceName, graphs });
      } catch (error) {
        if (error instanceof BpmnParseError)
          throw new EngineRestError(400, 'ParseException', error.message);
        throw error;
      }
    }
    const deployment: DeploymentRecord = {
      id: randomUUID(),
      name: request.name,
      source: request.source,
      deploymentTime: this.now(),
      resources: toDeploy,
    };
    this.deployments.push(deployment);
    const created = parsed.flatMap(({ resourceName, graphs }) =>
      graphs.map((graph) => {
        const version = (this.latestDefinition(graph.key)?.version ?? 0) + 1;
        const definition: DefinitionRecord = {
          id: `${graph.key}:${version}:${randomUUID()}`,
          key: graph.key,
          version,
          deploymentId: deployment.id,
          resourceName,
          graph,
        };
        this.definitions.push(definition);
        return definition;
      }),
    );
    return { deployment, created };
  }

  startByKey(
    key: string,
    businessKey: string | null,
    variables: Map<string, StoredValue>,
  ): InstanceRecord {
    const definition = this.latestDefinition(key);
    if (!definition)
      throw notFound(`No matching process definition with key: ${key} and no tenant-id`);
    return this.command(() => this.interpreter.start(definition, businessKey, variables));
  }

  completeUserTask(taskId: string, variables: Map<string, StoredValue>): void {
    const task = this.data.userTasks.get(taskId);
    // engine-rest answers a missing task with 500 (the engine's NullValueException), not 404.
    if (!task) {
      throw new EngineRestError(
        500,
        'RestException',
        `Cannot complete task ${taskId}: Cannot find task with id ${taskId}: task is null`,
      );
    }
    this.command(() =>
      this.interpreter.complete(this.activity(task.activityInstanceId), variables),
    );
  }

  /** A variable as seen from a task: its execution's locals, then the enclosing scopes. */
  taskVariable(taskId: string, name: string): StoredValue {
    const task = this.data.userTasks.get(taskId);
    if (!task) throw notFound(`Cannot find task ${taskId}`);
    for (let scope = this.data.activities.get(task.activityInstanceId); scope;) {
      const local = scope.locals.get(name);
      if (local) return local;
      scope = scope.bodyId === null ? undefined : this.data.activities.get(scope.bodyId);
    }
    const value = this.data.instances.get(task.instanceId)?.variables.get(name);
    if (!value) throw notFound(`task variable with name ${name} does not exist`);
    return value;
  }

  fetchAndLock(
    workerId: string,
    maxTasks: number,
    topics: readonly FetchTopic[],
  ): ExternalTaskRecord[] {
    const now = this.now();
    const locked: ExternalTaskRecord[] = [];
    for (const task of this.data.externalTasks.values()) {
      if (locked.length >= maxTasks) break;
      const topic = topics.find((candidate) => candidate.topicName === task.topic);
      const available = task.retries === null || task.retries > 0;
      const unlocked =
        task.lockExpiration === null || task.lockExpiration.getTime() <= now.getTime();
      if (!topic || !available || !unlocked) continue;
      task.workerId = workerId;
      task.lockExpiration = new Date(now.getTime() + topic.lockDuration);
      locked.push(task);
    }
    return locked;
  }

  externalTask(id: string): ExternalTaskRecord {
    const task = this.data.externalTasks.get(id);
    if (!task) throw notFound(`External task with id ${id} does not exist`);
    return task;
  }

  completeExternalTask(id: string, workerId: unknown, variables: Map<string, StoredValue>): void {
    const task = this.lockedBy(id, workerId, 'completed');
    this.command(() =>
      this.interpreter.complete(this.activity(task.activityInstanceId), variables),
    );
  }

  bpmnError(
    id: string,
    workerId: unknown,
    errorCode: string,
    variables: Map<string, StoredValue>,
  ): void {
    const task = this.lockedBy(id, workerId, 'reported a BPMN error');
    this.command(() =>
      this.interpreter.throwError(this.activity(task.activityInstanceId), errorCode, variables),
    );
  }

  handleFailure(
    id: string,
    workerId: unknown,
    failure: {
      errorMessage: string | null;
      errorDetails: string | null;
      retries: number;
      retryTimeout: number;
    },
  ): void {
    const task = this.lockedBy(id, workerId, 'failed');
    this.command(() => {
      // Operaton keeps at most 666 characters of the message (ExternalTaskEntity).
      task.errorMessage = failure.errorMessage === null ? null : failure.errorMessage.slice(0, 666);
      task.errorDetails = failure.errorDetails;
      task.lockExpiration = new Date(this.now().getTime() + failure.retryTimeout);
      this.setRetriesAndManageIncidents(task, failure.retries);
    });
  }

  setRetries(id: string, retries: number): void {
    const task = this.externalTask(id);
    this.command(() => this.setRetriesAndManageIncidents(task, retries));
  }

  extendLock(id: string, workerId: unknown, newDuration: number): void {
    const task = this.externalTask(id);
    const now = this.now().getTime();
    if (
      task.workerId !== workerId ||
      task.lockExpiration === null ||
      task.lockExpiration.getTime() <= now
    ) {
      throw badRequest(`Cannot extend a lock that was not acquired for external task ${id}`);
    }
    task.lockExpiration = new Date(now + newDuration);
  }

  unlock(id: string): void {
    const task = this.externalTask(id);
    this.command(() => {
      task.workerId = null;
      task.lockExpiration = null;
    });
  }

  private setRetriesAndManageIncidents(task: ExternalTaskRecord, retries: number): void {
    const open = [...this.data.incidents.values()].find(
      (incident) => incident.externalTaskId === task.id && incident.endTime === null,
    );
    task.retries = retries;
    if (retries === 0 && !open) {
      const id = randomUUID();
      this.data.incidents.set(id, {
        id,
        instanceId: task.instanceId,
        executionId: task.executionId,
        activityId: task.activityId,
        externalTaskId: task.id,
        message: task.errorMessage,
        createTime: this.now(),
        endTime: null,
        resolved: false,
        deleted: false,
      });
    } else if (retries > 0 && open) {
      open.endTime = this.now();
      open.resolved = true;
    }
  }

  private lockedBy(id: string, workerId: unknown, what: string): ExternalTaskRecord {
    const task = this.externalTask(id);
    if (typeof workerId !== 'string' || task.workerId !== workerId) {
      throw badRequest(
        `External Task ${id} cannot be ${what} by worker '${String(workerId)}'. It is locked by worker '${String(task.workerId)}'.`,
      );
    }
    return task;
  }

  private activity(id: string): ActivityRecord {
    const activity = this.data.activities.get(id);
    if (!activity) throw notFound(`activity instance ${id} does not exist`);
    return activity;
  }

  /** One transaction: clone, run, restore on failure, wake long-polling fetches on success. */
  private command<T>(run: () => T): T {
    const backup = structuredClone(this.data);
    try {
      const result = run();
      this.changed();
      return result;
    } catch (error) {
      this.data = backup;
      throw error;
    }
  }

  private changed(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    waiters.forEach((wake) => wake());
  }
}
