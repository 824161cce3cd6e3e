import type { WorkflowDefinition } from '@sentinel/definitions';

/** A process variable: JSON only, so it survives MongoDB, engine-rest and a restart unchanged. */
export type VariableValue =
  | string
  | number
  | boolean
  | null
  | readonly VariableValue[]
  | { readonly [key: string]: VariableValue };
export type Variables = Readonly<Record<string, VariableValue>>;

/** Where an instance belongs, copied from the submission that started it: drives task visibility. */
export interface InstanceScope {
  /** The filing institution; null for processes not started by an institution. */
  readonly institutionId: string | null;
  /** Region codes from the province down to the institution's district. */
  readonly regionPath: readonly string[];
}

/** One published, linted version of a workflow definition, as the runtimes run it. */
export interface WorkflowDeployment {
  readonly key: string;
  readonly version: number;
  /** `id` of the executable `<bpmn:process>` in the XML (Operaton's process definition key). */
  readonly processId: string;
  readonly definition: WorkflowDefinition;
  /** SM3 hex of the definition's canonical JSON without `version`: a redeploy of the same text is a no-op. */
  readonly checksum: string;
  readonly deployedAt: Date;
  readonly deployedBy: string;
}

/** A user task waiting in the runtime, as the runtime sees it (the task projection adds the rest). */
export interface OpenUserTask {
  /**
   * Stable id of this task occurrence: `${instanceId}:${executionId}` in the embedded runtime,
   * Operaton's task id there. The same occurrence keeps the same id across restarts and resumes.
   */
  readonly runtimeTaskId: string;
  /** The BPMN `userTask` id (matches `WorkflowUserTask.taskId`). */
  readonly elementId: string;
  readonly name: string;
  /** From `camunda:candidateGroups`. */
  readonly candidateGroups: readonly string[];
  /** From `camunda:assignee` once resolved (a multi-instance countersign names one user per instance). */
  readonly assignee: string | null;
  /** Index inside a multi-instance (会签/或签) body; null for a plain task. */
  readonly loopIndex: number | null;
  /** When the task began waiting (ISO 8601), kept across resumes. */
  readonly createdAt: string;
}

/** An external-task job whose retries ran out: visible to admins, retryable. */
export interface Incident {
  readonly id: string;
  readonly instanceId: string;
  readonly workflowKey: string;
  readonly businessKey: string;
  /** BPMN id of the service task. */
  readonly activityId: string;
  readonly topic: string;
  /** The last failure's message (no stack, no personal values). */
  readonly message: string;
  readonly attempts: number;
  readonly createdAt: string;
  /** Set when an admin retried it. */
  readonly resolvedAt: string | null;
}

export type InstanceState = 'running' | 'completed' | 'terminated';

/** What a runtime reports after every command or background step on an instance. */
export interface InstanceSnapshot {
  readonly instanceId: string;
  readonly workflowKey: string;
  readonly workflowVersion: number;
  /** The starting submission's id (or another caller-chosen key); unique per workflow key. */
  readonly businessKey: string;
  readonly state: InstanceState;
  readonly scope: InstanceScope;
  readonly variables: Variables;
  readonly openTasks: readonly OpenUserTask[];
  readonly openIncidents: readonly Incident[];
  /** Bumped by every saved change; listeners may see the same revision twice, never an older one after a newer. */
  readonly revision: number;
  readonly startedAt: string;
  readonly endedAt: string | null;
}

export interface StartInstanceCommand {
  /** Runs the latest deployed version of this workflow key. */
  readonly workflowKey: string;
  /** Starting the same (workflowKey, businessKey) twice returns the first instance: starts are idempotent. */
  readonly businessKey: string;
  /** Merged over the deployment's `parameters`. */
  readonly variables: Variables;
  readonly scope: InstanceScope;
}

export interface CompleteTaskCommand {
  readonly instanceId: string;
  readonly runtimeTaskId: string;
  /** Written into the process variables before the instance moves on. */
  readonly variables: Variables;
}

/** Query of incidents for the admin API. */
export interface IncidentQuery {
  readonly open?: boolean;
  readonly workflowKey?: string;
  readonly limit: number;
  readonly offset: number;
}
