import type { ProcessGraph } from './bpmn-graph';
import type { StoredValue } from './typed-values';

/** Records of the Operaton double: what engine-rest's resources are views of. */
export interface DeploymentRecord {
  readonly id: string;
  readonly name: string | null;
  readonly source: string | null;
  readonly deploymentTime: Date;
  /** Resource name → text, for duplicate filtering. */
  readonly resources: ReadonlyMap<string, string>;
}

export interface DefinitionRecord {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly deploymentId: string;
  readonly resourceName: string;
  readonly graph: ProcessGraph;
}

export type InstanceState =
  'ACTIVE' | 'COMPLETED' | 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED';

export interface InstanceRecord {
  readonly id: string;
  readonly definitionId: string;
  readonly businessKey: string | null;
  readonly startTime: Date;
  endTime: Date | null;
  state: InstanceState;
  readonly variables: Map<string, StoredValue>;
}

/** A waiting activity instance: a user task, an external task, or a multi-instance body. */
export interface ActivityRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly activityId: string;
  /** Operaton reuses the process instance's execution for consecutive activities of one scope. */
  readonly executionId: string;
  readonly kind: 'userTask' | 'externalTask' | 'multiInstanceBody';
  /** Set on the inner activities of a multi-instance body. */
  readonly bodyId: string | null;
  /** loopCounter on inner activities; nrOf* counters on a body. */
  readonly locals: Map<string, StoredValue>;
  /** Body only: the execution that entered it, continued once the body completes. */
  readonly continueExecutionId: string | null;
  /** Body only. */
  readonly loop: {
    total: number;
    completed: number;
    nextIndex: number;
    sequential: boolean;
  } | null;
}

export interface UserTaskRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly activityInstanceId: string;
  readonly executionId: string;
  readonly activityId: string;
  readonly name: string;
  readonly candidateGroups: readonly string[];
  readonly assignee: string | null;
  readonly created: Date;
}

export interface ExternalTaskRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly activityInstanceId: string;
  readonly executionId: string;
  readonly activityId: string;
  readonly topic: string;
  retries: number | null;
  workerId: string | null;
  /** Also the retry timeout: a failure sets it to now + retryTimeout, as Operaton does. */
  lockExpiration: Date | null;
  errorMessage: string | null;
  errorDetails: string | null;
  readonly createTime: Date;
}

export interface IncidentRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly executionId: string;
  readonly activityId: string;
  /** The external task id (engine-rest's `configuration`). */
  readonly externalTaskId: string;
  readonly message: string | null;
  readonly createTime: Date;
  endTime: Date | null;
  resolved: boolean;
  deleted: boolean;
}

export interface TimerRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly attachedActivityInstanceId: string;
  readonly boundaryEventId: string;
  readonly dueAt: Date;
}

/** Everything a command may change: cloned before each command and restored if it fails. */
export interface RuntimeData {
  readonly instances: Map<string, InstanceRecord>;
  readonly activities: Map<string, ActivityRecord>;
  readonly userTasks: Map<string, UserTaskRecord>;
  readonly externalTasks: Map<string, ExternalTaskRecord>;
  /** Open and ended incidents (the runtime resource shows open ones, history all). */
  readonly incidents: Map<string, IncidentRecord>;
  readonly timers: Map<string, TimerRecord>;
  /** `${instanceId}/${gatewayId}` → executions arrived at a joining parallel gateway. */
  readonly joins: Map<string, number>;
}

export function emptyRuntimeData(): RuntimeData {
  return {
    instances: new Map(),
    activities: new Map(),
    userTasks: new Map(),
    externalTasks: new Map(),
    incidents: new Map(),
    timers: new Map(),
    joins: new Map(),
  };
}

/** Drops a waiting activity with its task, timers; its open incidents end (resolved or deleted). */
export function removeActivityRecords(
  data: RuntimeData,
  activity: ActivityRecord,
  how: 'completed' | 'cancelled',
  now: Date,
): void {
  data.activities.delete(activity.id);
  data.userTasks.delete(activity.id);
  data.externalTasks.delete(activity.id);
  for (const [id, timer] of data.timers) {
    if (timer.attachedActivityInstanceId === activity.id) data.timers.delete(id);
  }
  for (const incident of data.incidents.values()) {
    if (incident.externalTaskId === activity.id && incident.endTime === null) {
      incident.endTime = now;
      // Completing the task after an admin raised its retries resolves; cancelling deletes.
      incident.resolved = how === 'completed';
      incident.deleted = how === 'cancelled';
    }
  }
}

/** A failure engine-rest reports as `{ type, message }` with an HTTP status. */
export class EngineRestError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (message: string) =>
  new EngineRestError(404, 'InvalidRequestException', message);
export const badRequest = (message: string) =>
  new EngineRestError(400, 'InvalidRequestException', message);
export const engineFailure = (message: string, type = 'ProcessEngineException') =>
  new EngineRestError(500, type, message);
