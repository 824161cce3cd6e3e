import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type {
  Incident,
  IncidentQuery,
  InstanceSnapshot,
  WorkflowDeployment,
} from '../../../../src/modules/workflows/runtime/runtime.types';
import { IncidentNotFoundError } from '../../../../src/modules/workflows/runtime/workflow-errors';
import { WorkflowRuntime } from '../../../../src/modules/workflows/runtime/workflow-runtime';
import { startE2eApp, type E2eApp } from '../../../e2e/e2e-app';

/**
 * A runtime that runs nothing: it records deployments and holds incidents a test puts in, so the
 * admin API is tested without the embedded runtime or Operaton.
 */
export class FakeWorkflowRuntime extends WorkflowRuntime {
  readonly deployed: WorkflowDeployment[] = [];
  readonly incidentList: Incident[] = [];
  readonly retried: { id: string; retries: number }[] = [];

  async deploy(deployment: WorkflowDeployment): Promise<void> {
    this.deployed.push(deployment);
  }

  async incidents(query: IncidentQuery): Promise<{ items: readonly Incident[]; total: number }> {
    const matching = this.incidentList.filter(
      (incident) =>
        (query.open === undefined || (incident.resolvedAt === null) === query.open) &&
        (query.workflowKey === undefined || incident.workflowKey === query.workflowKey),
    );
    return {
      items: matching.slice(query.offset, query.offset + query.limit),
      total: matching.length,
    };
  }

  async retryIncident(incidentId: string, retries: number): Promise<Incident> {
    const index = this.incidentList.findIndex(
      (incident) => incident.id === incidentId && incident.resolvedAt === null,
    );
    const incident = this.incidentList[index];
    if (incident === undefined) throw new IncidentNotFoundError(incidentId);
    const resolved = { ...incident, resolvedAt: new Date().toISOString() };
    this.incidentList[index] = resolved;
    this.retried.push({ id: incidentId, retries });
    return resolved;
  }

  start(): Promise<InstanceSnapshot> {
    return Promise.reject(new Error('the fake runtime starts no instance'));
  }
  completeTask(): Promise<InstanceSnapshot> {
    return Promise.reject(new Error('the fake runtime has no task'));
  }
  async instance(): Promise<InstanceSnapshot | null> {
    return null;
  }
  async instanceByBusinessKey(): Promise<InstanceSnapshot | null> {
    return null;
  }
  async instancesByBusinessKey(): Promise<readonly InstanceSnapshot[]> {
    return [];
  }
  onInstanceChanged(): void {}
  async startBackground(): Promise<void> {}
  async stopBackground(): Promise<void> {}
  async runDueWork(): Promise<number> {
    return 0;
  }
}

/** `startE2eApp(file)` with the app's WorkflowRuntime replaced by `runtime`. */
export async function startE2eAppWithRuntime(
  testFile: string,
  runtime: WorkflowRuntime,
  env: Record<string, string> = {},
): Promise<E2eApp> {
  const create = Test.createTestingModule.bind(Test);
  const spy = jest
    .spyOn(Test, 'createTestingModule')
    .mockImplementation((metadata): TestingModuleBuilder =>
      create(metadata).overrideProvider(WorkflowRuntime).useValue(runtime),
    );
  try {
    return await startE2eApp(testFile, env);
  } finally {
    spy.mockRestore();
  }
}
