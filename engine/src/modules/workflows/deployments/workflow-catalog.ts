import { Injectable } from '@nestjs/common';
import { WorkflowErrors, type WorkflowDeployment } from '../runtime';
import { summaryView, type WorkflowSummaryView } from './deployment-views';
import { workflowVersionNotFound } from './deployment-errors';
import {
  WorkflowDeploymentStore,
  type DeploymentVersionSummary,
} from './workflow-deployment-store';

/** Reads of deployed workflows for the admin API; unknown keys and versions are 404s. */
@Injectable()
export class WorkflowCatalog {
  constructor(private readonly store: WorkflowDeploymentStore) {}

  async latestOfEach(): Promise<{ items: readonly WorkflowSummaryView[] }> {
    return { items: (await this.store.list()).map(summaryView) };
  }

  async versionsOf(
    key: string,
  ): Promise<{ key: string; versions: readonly DeploymentVersionSummary[] }> {
    const versions = await this.store.versions(key);
    if (versions.length === 0) throw WorkflowErrors.workflowNotFound(key);
    return { key, versions };
  }

  async versionOf(key: string, version: number): Promise<WorkflowDeployment> {
    const deployment = await this.store.version(key, version);
    if (deployment !== null) return deployment;
    if ((await this.store.latest(key)) === null) throw WorkflowErrors.workflowNotFound(key);
    throw workflowVersionNotFound(key, version);
  }
}
