import { Module } from 'node:module';
import { dirname } from 'node:path';

/**
 * The parts of camunda-external-task-client-js v3 this adapter uses, typed here because the
 * package ships no declarations. Values it hands over come from Node's module realm (see
 * `loadExternalTaskClientLibrary`): use duck typing, never `instanceof`, on them.
 */
export interface TypedVariable {
  readonly type: string;
  readonly value: unknown;
}

export interface ReadonlyTaskVariables {
  /** Typed values; the client has already parsed Json (object) and Date (Date). */
  getAllTyped(): Record<string, TypedVariable>;
}

export interface WritableTaskVariables {
  setTyped(
    name: string,
    typed: { type: string; value: unknown; valueInfo?: object },
  ): WritableTaskVariables;
}

/** An external task as fetchAndLock returned it (LockedExternalTaskDto), variables wrapped. */
export interface LockedExternalTask {
  readonly id: string;
  readonly topicName: string;
  readonly activityId: string;
  readonly executionId: string;
  readonly processInstanceId: string;
  readonly processDefinitionKey: string | null;
  readonly businessKey: string | null;
  /** Null until the first reported failure. */
  readonly retries: number | null;
  readonly workerId: string | null;
  readonly variables: ReadonlyTaskVariables;
}

export interface FailureOptions {
  readonly errorMessage: string;
  readonly errorDetails: string;
  readonly retries: number;
  readonly retryTimeout: number;
}

export interface ExternalTaskService {
  complete(task: LockedExternalTask, variables?: WritableTaskVariables): Promise<void>;
  handleFailure(task: LockedExternalTask, options: FailureOptions): Promise<void>;
  handleBpmnError(
    task: LockedExternalTask,
    errorCode: string,
    errorMessage?: string,
    variables?: WritableTaskVariables,
  ): Promise<void>;
  unlock(task: LockedExternalTask): Promise<void>;
}

export type TopicHandler = (delivery: {
  task: LockedExternalTask;
  taskService: ExternalTaskService;
}) => Promise<void>;

/** got's options as the client's interceptors see them. */
export type RequestOptions = Record<string, unknown>;

export interface ExternalTaskClientOptions {
  readonly baseUrl: string;
  readonly workerId: string;
  readonly maxTasks: number;
  readonly lockDuration: number;
  readonly asyncResponseTimeout: number;
  readonly interval: number;
  readonly autoPoll: false;
  readonly use: (client: ExternalTaskClient) => void;
  readonly interceptors: (options: RequestOptions) => RequestOptions;
}

export interface ExternalTaskClient {
  subscribe(topic: string, handler: TopicHandler): unknown;
  start(): void;
  stop(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  /** Runs one locked task through its topic's handler (the client's own poll loop uses it too). */
  executeTask(task: unknown): Promise<void>;
  /** The client's engine-rest caller; `fetchAndLock` adds the client's workerId to the body. */
  readonly engineService: { fetchAndLock(body: Record<string, unknown>): Promise<unknown[]> };
}

export interface ExternalTaskClientLibrary {
  readonly Client: new (options: ExternalTaskClientOptions) => ExternalTaskClient;
  readonly Variables: new () => WritableTaskVariables;
}

interface NativeModule {
  filename: string;
  paths: string[];
  require(id: string): unknown;
}

interface NativeModuleClass {
  new (id: string): NativeModule;
  _nodeModulePaths(directory: string): string[];
}

/**
 * Loads the ESM-only client through Node's own CommonJS loader, which can `require()` an ES
 * module since Node 20.19. A plain `require` works in production too, but Jest (before Node
 * 24.9) routes every `require` and `createRequire` through its own registry, which refuses ES
 * modules; a `Module` instance's `require` always takes Node's native path.
 */
export function loadExternalTaskClientLibrary(): ExternalTaskClientLibrary {
  const NodeModule = Module as unknown as NativeModuleClass;
  const loader = new NodeModule(__filename);
  loader.filename = __filename;
  loader.paths = NodeModule._nodeModulePaths(dirname(__filename));
  return loader.require('camunda-external-task-client-js') as ExternalTaskClientLibrary;
}
