import type { WorkflowDefinition } from '@sentinel/definitions';
import type { WorkflowDeployment } from '../runtime';

export interface DeployOutcome {
  readonly deployment: WorkflowDeployment;
  /** False when the text equals the latest version's (a redeploy at boot is a no-op). */
  readonly created: boolean;
}

/**
 * Versions of every deployed workflow (collection `workflow_deployments`). Versions are immutable;
 * running instances stay on the version they started with, new instances take the latest.
 * Storing does not lint: `WorkflowDeployer` lints first, then stores, then tells the runtime.
 */
export abstract class WorkflowDeployments {
  /**
   * Stores `definition` as a new version. Same checksum as the latest → returns it, `created: false`.
   * A version not above the latest (with other text) → `WorkflowVersionConflictError`.
   */
  abstract save(
    definition: WorkflowDefinition,
    deployedBy: string,
    now?: Date,
  ): Promise<DeployOutcome>;
  abstract latest(key: string): Promise<WorkflowDeployment | null>;
  abstract version(key: string, version: number): Promise<WorkflowDeployment | null>;
  /** The latest version of every key, by key. */
  abstract list(): Promise<readonly WorkflowDeployment[]>;
  /** Latest versions whose `startForm` is `formKey` (the outbox consumer starts each). */
  abstract startedByForm(formKey: string): Promise<readonly WorkflowDeployment[]>;
}

export class WorkflowVersionConflictError extends Error {
  constructor(
    readonly key: string,
    readonly latest: number,
  ) {
    super(`workflow ${key} needs a version above ${latest}`);
    this.name = 'WorkflowVersionConflictError';
  }
}
