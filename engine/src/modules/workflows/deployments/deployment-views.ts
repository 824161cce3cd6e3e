import type { LocalizedText } from '@sentinel/definitions';
import type { WorkflowDeployment } from '../runtime';
import type { DeployOutcome } from './workflow-deployments';

/** A workflow in the admin list: its latest version. */
export interface WorkflowSummaryView {
  readonly key: string;
  readonly version: number;
  readonly title: LocalizedText;
  readonly startForm: string | null;
  readonly deployedAt: Date;
}

/** The answer to a deploy: the version in force and whether this call created it. */
export interface DeployView {
  readonly key: string;
  readonly version: number;
  readonly processId: string;
  readonly checksum: string;
  readonly deployedAt: Date;
  readonly created: boolean;
}

export function summaryView(deployment: WorkflowDeployment): WorkflowSummaryView {
  return {
    key: deployment.key,
    version: deployment.version,
    title: deployment.definition.title,
    startForm: deployment.definition.startForm ?? null,
    deployedAt: deployment.deployedAt,
  };
}

export function deployView(outcome: DeployOutcome): DeployView {
  const { key, version, processId, checksum, deployedAt } = outcome.deployment;
  return { key, version, processId, checksum, deployedAt, created: outcome.created };
}
