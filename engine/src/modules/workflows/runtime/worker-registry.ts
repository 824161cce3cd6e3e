import { Injectable } from '@nestjs/common';
import type { InstanceScope, Variables } from './runtime.types';

/** What a worker handler is given for one delivery of one external-task job. */
export interface WorkerContext {
  readonly topic: string;
  readonly instanceId: string;
  readonly workflowKey: string;
  readonly businessKey: string;
  /** BPMN id of the service task. */
  readonly activityId: string;
  /**
   * The same for every delivery of this job, including after a crash or a retry: key every side
   * effect on it (a unique index, an upsert), because delivery is at least once.
   */
  readonly idempotencyKey: string;
  readonly variables: Variables;
  /** The instance's institution and region path (who the side effect concerns). */
  readonly scope: InstanceScope;
  /** 1 for the first delivery, 2 for the first retry, ... */
  readonly attempt: number;
}

/** Variables a successful handler writes into the process (`{}` for none). */
export interface WorkerResult {
  readonly variables?: Variables;
}

/**
 * A business outcome the process models with an error boundary event (`errorCode`): not retried,
 * routed by the BPMN. Any other exception is a technical failure: retried, then an incident.
 */
export class BpmnBusinessError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    readonly variables: Variables = {},
  ) {
    super(message);
    this.name = 'BpmnBusinessError';
  }
}

/** Delay before retry n grows from `initialMs` by `factor`, capped at `maxMs`. */
export interface WorkerBackoff {
  readonly initialMs: number;
  readonly factor: number;
  readonly maxMs: number;
}

/** A worker, registered as data: the topic it serves, its handler and its retry policy. */
export interface WorkerDefinition {
  /** Matches `camunda:topic` of `camunda:type="external"` service tasks. */
  readonly topic: string;
  readonly description: string;
  /** Failed deliveries retried before the job becomes an incident (0 = incident at the first failure). */
  readonly retries: number;
  readonly backoff: WorkerBackoff;
  readonly handler: (context: WorkerContext) => Promise<WorkerResult>;
}

export const DEFAULT_BACKOFF: WorkerBackoff = { initialMs: 1000, factor: 2, maxMs: 5 * 60_000 };

/** Delay before the next delivery after `failures` failed ones (1-based). */
export function retryDelayMs(backoff: WorkerBackoff, failures: number): number {
  const exponent = Math.max(0, failures - 1);
  return Math.min(backoff.maxMs, Math.round(backoff.initialMs * backoff.factor ** exponent));
}

/**
 * Retries left after `failures` failed deliveries, in Camunda's terms (the number passed to
 * `handleFailure`): when it reaches 0 the job becomes an incident.
 */
export function retriesLeft(definition: WorkerDefinition, failures: number): number {
  return Math.max(0, definition.retries + 1 - failures);
}

/**
 * Topic → worker. Both runtimes read it: the embedded job executor calls handlers directly, the
 * Operaton adapter subscribes each topic with camunda-external-task-client-js.
 */
@Injectable()
export class WorkerRegistry {
  private readonly workers = new Map<string, WorkerDefinition>();

  register(definition: WorkerDefinition): void {
    if (!/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/.test(definition.topic)) {
      throw new Error(`worker topic "${definition.topic}" is not a valid topic name`);
    }
    if (this.workers.has(definition.topic)) {
      throw new Error(`a worker for topic "${definition.topic}" is already registered`);
    }
    if (!Number.isInteger(definition.retries) || definition.retries < 0) {
      throw new Error(`worker "${definition.topic}": retries must be a non-negative integer`);
    }
    this.workers.set(definition.topic, definition);
  }

  get(topic: string): WorkerDefinition | undefined {
    return this.workers.get(topic);
  }

  has(topic: string): boolean {
    return this.workers.has(topic);
  }

  topics(): readonly string[] {
    return [...this.workers.keys()].sort();
  }
}
