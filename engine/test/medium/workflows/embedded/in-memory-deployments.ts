import type { WorkflowDefinition } from '@sentinel/definitions';
import {
  WorkflowDeployments,
  type DeployOutcome,
} from '../../../../src/modules/workflows/deployments/workflow-deployments';
import type { WorkflowDeployment } from '../../../../src/modules/workflows/runtime/runtime.types';

/** The deployments port in memory: versions per key, the latest last. */
export class InMemoryDeployments extends WorkflowDeployments {
  private readonly versions = new Map<string, WorkflowDeployment[]>();

  save(
    definition: WorkflowDefinition,
    deployedBy: string,
    now = new Date(),
  ): Promise<DeployOutcome> {
    const list = this.versions.get(definition.key) ?? [];
    const processId = /<bpmn:process[^>]*\sid="([^"]+)"/.exec(definition.bpmn)?.[1] ?? 'process';
    const deployment: WorkflowDeployment = {
      key: definition.key,
      version: definition.version,
      processId,
      definition,
      checksum: `${definition.key}-${definition.version}`,
      deployedAt: now,
      deployedBy,
    };
    list.push(deployment);
    this.versions.set(definition.key, list);
    return Promise.resolve({ deployment, created: true });
  }

  latest(key: string): Promise<WorkflowDeployment | null> {
    return Promise.resolve(this.versions.get(key)?.at(-1) ?? null);
  }

  version(key: string, version: number): Promise<WorkflowDeployment | null> {
    const found = this.versions.get(key)?.find((d) => d.version === version);
    return Promise.resolve(found ?? null);
  }

  list(): Promise<readonly WorkflowDeployment[]> {
    return Promise.resolve([...this.versions.values()].map((list) => list.at(-1)!));
  }

  startedByForm(formKey: string): Promise<readonly WorkflowDeployment[]> {
    return this.list().then((all) => all.filter((d) => d.definition.startForm === formKey));
  }
}
