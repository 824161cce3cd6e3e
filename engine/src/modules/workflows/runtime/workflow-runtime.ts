import type {
  CompleteTaskCommand,
  Incident,
  IncidentQuery,
  InstanceSnapshot,
  StartInstanceCommand,
  WorkflowDeployment,
} from './runtime.types';

/** Called after each saved change of an instance, at least once per revision. */
export type InstanceListener = (snapshot: InstanceSnapshot) => Promise<void>;

/**
 * The BPMN runtime behind the workflow module, chosen by SENTINEL_WORKFLOW_RUNTIME:
 * `embedded` (bpmn-engine hydrated per command, state in MongoDB) or `operaton` (engine-rest).
 *
 * Delivery to listeners is at least once: an adapter records which revision its listeners have
 * seen and re-delivers unseen revisions after a crash, so the task projection is rebuilt from
 * snapshots and must apply them idempotently.
 */
export abstract class WorkflowRuntime {
  /** Makes a linted deployment runnable (idempotent: the same key and version twice is a no-op). */
  abstract deploy(deployment: WorkflowDeployment): Promise<void>;

  /** Starts the latest deployed version; an existing (workflowKey, businessKey) returns that instance. */
  abstract start(command: StartInstanceCommand): Promise<InstanceSnapshot>;

  /**
   * Completes one open user task with variables and runs the instance until it waits again.
   * Throws `TaskNotOpenError` when the task is not (or no longer) open, and
   * `InstanceConflictError` when another command changed the instance meanwhile and retrying did not help.
   */
  abstract completeTask(command: CompleteTaskCommand): Promise<InstanceSnapshot>;

  /** The instance as last saved; null when unknown. */
  abstract instance(instanceId: string): Promise<InstanceSnapshot | null>;
  abstract instanceByBusinessKey(
    workflowKey: string,
    businessKey: string,
  ): Promise<InstanceSnapshot | null>;
  /** Every instance (any workflow key) started for a business key, oldest first. */
  abstract instancesByBusinessKey(businessKey: string): Promise<readonly InstanceSnapshot[]>;

  abstract incidents(query: IncidentQuery): Promise<{ items: readonly Incident[]; total: number }>;
  /** Gives an incident's job fresh retries; it runs again at the next poll. Unknown or resolved id → `IncidentNotFoundError`. */
  abstract retryIncident(incidentId: string, retries: number): Promise<Incident>;

  /** Registers a listener (the task projection, the timeline); call before `startBackground`. */
  abstract onInstanceChanged(listener: InstanceListener): void;

  /** Starts timers, job polling and listener re-delivery; idempotent. */
  abstract startBackground(): Promise<void>;
  /** Stops background loops and waits for running handlers to settle (graceful shutdown). */
  abstract stopBackground(): Promise<void>;
  /** One pass of every background loop now (tests and benchmarks; returns how many items moved). */
  abstract runDueWork(now?: Date): Promise<number>;
}
