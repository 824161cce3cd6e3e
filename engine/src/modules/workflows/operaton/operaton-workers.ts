import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../config';
import {
  BpmnBusinessError,
  WorkerRegistry,
  retriesLeft,
  retryDelayMs,
  type Variables,
  type WorkerContext,
  type WorkerDefinition,
} from '../runtime';
import { elideQuoted, EngineRestClient } from './engine-rest-client';
import {
  type ExternalTaskClient,
  type ExternalTaskClientLibrary,
  type ExternalTaskService,
  loadExternalTaskClientLibrary,
  type LockedExternalTask,
  type WritableTaskVariables,
} from './external-task-client-library';
import { type MirrorDocument, OperatonInstanceStore } from './operaton-instance-store';
import { fromTypedVariables, toTypedValue } from './typed-variables';

/** Operaton keeps 666 characters of an external task's error message. */
const MAX_ERROR_MESSAGE = 666;
const MAX_TASKS = 10;
const ASYNC_RESPONSE_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 10_000;

export type JobSettledListener = (instanceId: string) => Promise<void>;

function isBusinessError(error: unknown): error is BpmnBusinessError {
  return (
    error instanceof BpmnBusinessError ||
    ((error as Error | null)?.name === 'BpmnBusinessError' &&
      typeof (error as { errorCode?: unknown }).errorCode === 'string')
  );
}

function describe(error: unknown): { name: string; message: string } {
  const name = typeof (error as Error | null)?.name === 'string' ? (error as Error).name : 'Error';
  const message =
    typeof (error as Error | null)?.message === 'string' ? (error as Error).message : String(error);
  return { name, message: message.slice(0, MAX_ERROR_MESSAGE) };
}

/**
 * Runs the WorkerRegistry's handlers as Operaton external-task workers through
 * camunda-external-task-client-js. The client swallows handler exceptions and never retries,
 * so each delivery is settled here: success → complete with the result's variables;
 * `BpmnBusinessError` → handleBpmnError (routed by the BPMN, not retried); anything else →
 * handleFailure with the retries left (`retriesLeft`: the worker's `retries` at the first
 * failure, then one less each time; 0 makes Operaton raise an incident) and `retryDelayMs`.
 *
 * Idempotency key: `${processInstanceId}:${externalTaskId}`. Operaton keeps an external task's
 * id across redeliveries (lock expiry, failure + retry, an admin's retry), and a new pass through
 * the service task creates a new external task. The execution id is NOT used: Operaton runs
 * consecutive activities of one scope in the same execution (often the instance itself), so two
 * service tasks of an instance would share it.
 */
@Injectable()
export class OperatonWorkers {
  private readonly logger = new Logger('OperatonWorkers');
  private library: ExternalTaskClientLibrary | null = null;
  private client: ExternalTaskClient | null = null;
  private readonly subscribed = new Set<string>();
  private readonly active = new Set<Promise<void>>();
  /** Tasks fetched by `runOnce`, executed even while the background loop is stopped. */
  private readonly fetchedManually = new Set<string>();
  private polling = false;
  private stopped = false;
  private jobSettled: JobSettledListener = () => Promise.resolve();

  constructor(
    private readonly config: AppConfig,
    private readonly registry: WorkerRegistry,
    private readonly store: OperatonInstanceStore,
    private readonly rest: EngineRestClient,
  ) {}

  /** Called after each delivery is settled, so the runtime can publish the instance's new state. */
  onJobSettled(listener: JobSettledListener): void {
    this.jobSettled = listener;
  }

  /** One fetchAndLock (no long polling) and every fetched job run to the end; returns the count. */
  async runOnce(): Promise<number> {
    const client = this.ensureClient();
    const topics = this.subscribeAll(client);
    if (topics.length === 0) return 0;
    const tasks = (await client.engineService.fetchAndLock({
      maxTasks: MAX_TASKS,
      usePriority: true,
      topics: topics.map((topicName) => ({
        topicName,
        lockDuration: this.config.workflows.jobLockMs,
      })),
    })) as { id: string }[];
    tasks.forEach((task) => this.fetchedManually.add(task.id));
    await Promise.all(tasks.map((task) => client.executeTask(task)));
    return tasks.length;
  }

  /** Starts the client's long-polling loop. */
  start(): void {
    const client = this.ensureClient();
    this.subscribeAll(client);
    this.stopped = false;
    if (!this.polling) client.start();
    this.polling = true;
  }

  /** Stops polling and waits for running handlers; jobs a last poll still returns are unlocked. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.polling) this.client?.stop();
    this.polling = false;
    await Promise.allSettled([...this.active]);
  }

  private ensureClient(): ExternalTaskClient {
    if (this.client) return this.client;
    this.library = loadExternalTaskClientLibrary();
    this.client = new this.library.Client({
      baseUrl: this.rest.baseUrl,
      workerId: this.config.workflows.workerId,
      maxTasks: MAX_TASKS,
      lockDuration: this.config.workflows.jobLockMs,
      asyncResponseTimeout: ASYNC_RESPONSE_TIMEOUT_MS,
      interval: this.config.workflows.pollMs,
      autoPoll: false,
      // The client's own logger prints every poll in colour; ours reports failures only.
      use: (client) => {
        client.on('poll:error', (error) =>
          this.logger.warn(`fetchAndLock failed: ${elideQuoted(describe(error).message)}`),
        );
      },
      // got has no timeout by default: a long poll may take asyncResponseTimeout, then give up.
      interceptors: (options) => ({
        ...options,
        timeout: { request: ASYNC_RESPONSE_TIMEOUT_MS + REQUEST_TIMEOUT_MS },
      }),
    });
    return this.client;
  }

  private subscribeAll(client: ExternalTaskClient): string[] {
    for (const topic of this.registry.topics()) {
      if (this.subscribed.has(topic)) continue;
      client.subscribe(topic, ({ task, taskService }) =>
        this.track(this.deliver(task, taskService)),
      );
      this.subscribed.add(topic);
    }
    return [...this.subscribed];
  }

  private async track(run: Promise<void>): Promise<void> {
    this.active.add(run);
    try {
      await run;
    } finally {
      this.active.delete(run);
    }
  }

  private async deliver(task: LockedExternalTask, taskService: ExternalTaskService): Promise<void> {
    const manual = this.fetchedManually.delete(task.id);
    const definition = this.registry.get(task.topicName);
    if ((this.stopped && !manual) || definition === undefined) {
      await this.settle('unlock', task, () => taskService.unlock(task));
      return;
    }
    const document = await this.mirrorOf(task);
    const attempt = (document?.jobs[task.id]?.failures ?? 0) + 1;
    try {
      if (document === null)
        throw new Error(`process instance ${task.processInstanceId} is not known to this engine`);
      const result = await definition.handler(this.context(task, document, attempt));
      await this.settle('complete', task, () =>
        taskService.complete(task, this.variables(result.variables ?? {})),
      );
    } catch (error) {
      await this.reportError(task, taskService, definition, error);
    }
    await this.jobSettled(task.processInstanceId).catch((error: unknown) =>
      this.logger.warn(
        `publishing instance ${task.processInstanceId} failed: ${describe(error).name}`,
      ),
    );
  }

  private async mirrorOf(task: LockedExternalTask): Promise<MirrorDocument | null> {
    const byId = await this.store.byInstanceId(task.processInstanceId);
    if (byId !== null || task.businessKey === null || task.processDefinitionKey === null)
      return byId;
    // The start's claim exists before Operaton's instance id is saved on it.
    return this.store.byProcessAndBusinessKey(task.processDefinitionKey, task.businessKey);
  }

  private context(
    task: LockedExternalTask,
    document: MirrorDocument,
    attempt: number,
  ): WorkerContext {
    return {
      topic: task.topicName,
      instanceId: task.processInstanceId,
      workflowKey: document.workflowKey,
      businessKey: document.businessKey,
      activityId: task.activityId,
      idempotencyKey: `${task.processInstanceId}:${task.id}`,
      variables: fromTypedVariables(task.variables.getAllTyped()),
      scope: {
        institutionId: document.scope.institutionId,
        regionPath: [...document.scope.regionPath],
      },
      attempt,
    };
  }

  private async reportError(
    task: LockedExternalTask,
    taskService: ExternalTaskService,
    definition: WorkerDefinition,
    error: unknown,
  ): Promise<void> {
    if (isBusinessError(error)) {
      const message = describe(error).message;
      await this.settle('handleBpmnError', task, () =>
        taskService.handleBpmnError(
          task,
          error.errorCode,
          message,
          this.variables(error.variables),
        ),
      );
      return;
    }
    const { name, message } = describe(error);
    const failures = await this.store.recordFailure(
      task.processInstanceId,
      task.id,
      task.topicName,
      task.activityId,
    );
    const retries =
      task.retries === null ? retriesLeft(definition, 1) : Math.max(0, task.retries - 1);
    this.logger.warn(
      `worker ${task.topicName} failed on job ${task.id} of instance ${task.processInstanceId} (${name}); ${retries} retries left`,
    );
    await this.settle('handleFailure', task, () =>
      taskService.handleFailure(task, {
        errorMessage: message,
        // No stack: it can carry values of the job; the name and where it happened are enough.
        errorDetails: `${name} in worker ${task.topicName}, delivery ${failures}`,
        retries,
        // With no retries left only an admin's retry brings the job back; do not delay that.
        retryTimeout: retries === 0 ? 0 : retryDelayMs(definition.backoff, failures),
      }),
    );
  }

  /** Reports to Operaton; a refusal (lock lost, job cancelled by a boundary event) is logged, not thrown. */
  private async settle(
    what: string,
    task: LockedExternalTask,
    report: () => Promise<void>,
  ): Promise<void> {
    try {
      await report();
    } catch (error) {
      this.logger.warn(
        `${what} of job ${task.id} (topic ${task.topicName}) was refused: ${elideQuoted(describe(error).message)}`,
      );
    }
  }

  private variables(values: Variables): WritableTaskVariables {
    if (!this.library) throw new Error('external task client not loaded');
    const variables = new this.library.Variables();
    for (const [name, value] of Object.entries(values))
      variables.setTyped(name, { ...toTypedValue(value) });
    return variables;
  }
}
