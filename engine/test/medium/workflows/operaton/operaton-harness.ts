import { Logger } from '@nestjs/common';
import type { WorkflowDefinition } from '@sentinel/definitions';
import type { AppConfig } from '../../../../src/config/app-config';
import { SystemClock } from '../../../../src/common/clock';
import { EngineRestClient } from '../../../../src/modules/workflows/operaton/engine-rest-client';
import { OperatonChangePoller } from '../../../../src/modules/workflows/operaton/operaton-change-poller';
import { OperatonDeployer } from '../../../../src/modules/workflows/operaton/operaton-deployer';
import { OperatonIncidents } from '../../../../src/modules/workflows/operaton/operaton-incidents';
import {
  OPERATON_INSTANCE_MODEL,
  type OperatonInstanceRecord,
  OperatonInstanceSchema,
} from '../../../../src/modules/workflows/operaton/operaton-instance.schema';
import { OperatonInstanceStore } from '../../../../src/modules/workflows/operaton/operaton-instance-store';
import { OperatonPublisher } from '../../../../src/modules/workflows/operaton/operaton-publisher';
import { OperatonStarter } from '../../../../src/modules/workflows/operaton/operaton-starter';
import { OperatonStateReader } from '../../../../src/modules/workflows/operaton/operaton-state-reader';
import { OperatonWorkers } from '../../../../src/modules/workflows/operaton/operaton-workers';
import { OperatonWorkflowRuntime } from '../../../../src/modules/workflows/operaton/operaton-workflow-runtime';
import type {
  InstanceScope,
  InstanceSnapshot,
} from '../../../../src/modules/workflows/runtime/runtime.types';
import { WorkerRegistry } from '../../../../src/modules/workflows/runtime/worker-registry';
import { type OperatonDouble, startOperatonDouble } from '../../../support/operaton-double';
import type { TestDatabase } from '../../../support/test-database';
import { FakeDeployments } from './operaton-fixtures';

export const WORKER_ID = 'sentinel-test-worker';
export const JOB_LOCK_MS = 30_000;
export const SCOPE: InstanceScope = {
  institutionId: 'clinic-a',
  regionPath: ['44', '4419', '441900'],
};

export interface OperatonHarness {
  readonly runtime: OperatonWorkflowRuntime;
  readonly double: OperatonDouble;
  readonly registry: WorkerRegistry;
  readonly deployments: FakeDeployments;
  /** Every snapshot the listener received, in order. */
  readonly snapshots: InstanceSnapshot[];
  /** Adds the definition to the deployments port and deploys it to the double. */
  deploy(definition: WorkflowDefinition): Promise<void>;
  close(): Promise<void>;
}

/**
 * The Operaton runtime wired by hand (no Nest app) on a test database, against a fresh Operaton
 * double, with the deployments port faked and a listener recording snapshots.
 */
export async function startOperatonHarness(database: TestDatabase): Promise<OperatonHarness> {
  // The adapter warns about every failed job; the tests assert those failures themselves.
  Logger.overrideLogger(false);
  const double = await startOperatonDouble();
  const model =
    database.connection.models[OPERATON_INSTANCE_MODEL] ??
    database.connection.model<OperatonInstanceRecord>(
      OPERATON_INSTANCE_MODEL,
      OperatonInstanceSchema,
    );
  await model.init();
  const config = {
    workflows: {
      runtime: 'operaton',
      operatonUrl: double.url,
      workerId: WORKER_ID,
      pollMs: 20,
      jobLockMs: JOB_LOCK_MS,
    },
  } as unknown as AppConfig;
  const registry = new WorkerRegistry();
  const deployments = new FakeDeployments();
  const rest = new EngineRestClient(config, 2_000);
  const store = new OperatonInstanceStore(model);
  const incidents = new OperatonIncidents(rest, store, deployments);
  const deployer = new OperatonDeployer(rest);
  const publisher = new OperatonPublisher(store, new OperatonStateReader(rest), incidents);
  const runtime = new OperatonWorkflowRuntime(
    rest,
    store,
    deployer,
    new OperatonStarter(rest, store, deployer, new SystemClock()),
    publisher,
    new OperatonChangePoller(rest, store, publisher),
    incidents,
    new OperatonWorkers(config, registry, store, rest),
    deployments,
    config,
  );
  const snapshots: InstanceSnapshot[] = [];
  runtime.onInstanceChanged((snapshot) => {
    snapshots.push(snapshot);
    return Promise.resolve();
  });
  return {
    runtime,
    double,
    registry,
    deployments,
    snapshots,
    async deploy(definition) {
      await runtime.deploy(deployments.add(definition));
    },
    async close() {
      await runtime.stopBackground();
      await double.close();
    },
  };
}

/** The only open task of a snapshot with this element id. */
export function openTask(snapshot: InstanceSnapshot, elementId: string) {
  const tasks = snapshot.openTasks.filter((task) => task.elementId === elementId);
  if (tasks.length !== 1) throw new Error(`expected one open ${elementId}, found ${tasks.length}`);
  return tasks[0] as (typeof tasks)[number];
}
