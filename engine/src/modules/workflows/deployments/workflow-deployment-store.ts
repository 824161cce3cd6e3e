import type { WorkflowDefinition } from '@sentinel/definitions';
import { executableProcessId } from './executable-process-id';
import { WorkflowDeployments, type DeployOutcome } from './workflow-deployments';

/** A version of a workflow as the admin list shows it (no XML). */
export interface DeploymentVersionSummary {
  readonly version: number;
  readonly processId: string;
  readonly checksum: string;
  readonly deployedAt: Date;
  readonly deployedBy: string;
}

/**
 * The deployments port plus what the deployer and the admin API need: saving with the process id
 * the lint found, and every version of a key. Registered under both tokens.
 */
export abstract class WorkflowDeploymentStore extends WorkflowDeployments {
  /** `save`, with the executable process id taken from the lint's process model. */
  abstract saveLinted(
    definition: WorkflowDefinition,
    processId: string,
    deployedBy: string,
    now?: Date,
  ): Promise<DeployOutcome>;

  /** Every version of `key`, oldest first; empty when the key was never deployed. */
  abstract versions(key: string): Promise<readonly DeploymentVersionSummary[]>;

  /** Callers without a lint result: the process id is read from the XML. */
  save(definition: WorkflowDefinition, deployedBy: string, now?: Date): Promise<DeployOutcome> {
    const processId = executableProcessId(definition.bpmn);
    if (processId === null) {
      return Promise.reject(
        new Error(`workflow ${definition.key}: the BPMN needs exactly one executable process`),
      );
    }
    return this.saveLinted(definition, processId, deployedBy, now);
  }
}
