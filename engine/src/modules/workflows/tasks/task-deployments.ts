import { Injectable } from '@nestjs/common';
import { WorkflowDeployments } from '../deployments';
import type { WorkflowDeployment } from '../runtime';

/** Every candidate group of every user task of the deployment. */
export function candidateGroupsOf(deployment: WorkflowDeployment | null): string[] {
  const groups = (deployment?.definition.userTasks ?? []).flatMap(
    (task) => task.candidateGroups ?? [],
  );
  return [...new Set(groups)];
}

/**
 * The deployments tasks were projected from. Deployments are immutable, so each version is read
 * once per process; an unknown version is asked again next time (it may be deployed meanwhile).
 */
@Injectable()
export class TaskDeployments {
  private readonly cache = new Map<string, WorkflowDeployment>();

  constructor(private readonly deployments: WorkflowDeployments) {}

  /** The version, or the latest when the version is unknown (instances applied before it was kept). */
  async of(key: string, version: number | null): Promise<WorkflowDeployment | null> {
    if (version === null) return this.deployments.latest(key);
    const cacheKey = `${key}@${String(version)}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const deployment = await this.deployments.version(key, version);
    if (deployment !== null) this.cache.set(cacheKey, deployment);
    return deployment;
  }
}
