import { Injectable } from '@nestjs/common';
import { WorkflowDeployments } from '../deployments';
import { WorkflowNotDeployedError, type WorkflowDeployment } from '../runtime';
import { compileProcess, type CompiledProcess } from './process-compiler';

/** Versions compiled at most once per process; few enough (a handful per key) to keep them all. */
@Injectable()
export class CompiledProcesses {
  private readonly compiled = new Map<string, Promise<CompiledProcess>>();

  constructor(private readonly deployments: WorkflowDeployments) {}

  /** The compiled form of a deployment the caller already holds. */
  forDeployment(deployment: WorkflowDeployment): Promise<CompiledProcess> {
    const id = versionId(deployment.key, deployment.version);
    let compiled = this.compiled.get(id);
    if (compiled === undefined) {
      compiled = compileProcess(deployment);
      this.compiled.set(id, compiled);
      // A version that failed to compile is not cached: a later call reports the same error.
      compiled.catch(() => this.compiled.delete(id));
    }
    return compiled;
  }

  /** The version an instance runs on (after a restart it is loaded from the deployments). */
  async version(key: string, version: number): Promise<CompiledProcess> {
    const cached = this.compiled.get(versionId(key, version));
    if (cached !== undefined) return cached;
    const deployment = await this.deployments.version(key, version);
    if (deployment === null) throw new WorkflowNotDeployedError(`${key}@${version}`);
    return this.forDeployment(deployment);
  }
}

function versionId(key: string, version: number): string {
  return `${key}@${version}`;
}
