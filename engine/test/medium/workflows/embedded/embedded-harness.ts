import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Global, Module, type Type } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import type { WorkflowDefinition } from '@sentinel/definitions';
import { AppConfig } from '../../../../src/config';
import { Clock } from '../../../../src/common/clock';
import {
  EmbeddedRuntimeModule,
  EmbeddedWorkflowRuntime,
} from '../../../../src/modules/workflows/embedded';
import { WorkflowDeployments } from '../../../../src/modules/workflows/deployments/workflow-deployments';
import type {
  InstanceScope,
  InstanceSnapshot,
} from '../../../../src/modules/workflows/runtime/runtime.types';
import {
  DEFAULT_BACKOFF,
  WorkerRegistry,
  type WorkerDefinition,
} from '../../../../src/modules/workflows/runtime/worker-registry';
import { WorkflowRuntime } from '../../../../src/modules/workflows/runtime/workflow-runtime';
import { ManualClock } from '../../../support/auth-helpers';
import type { TestDatabase } from '../../../support/test-database';
import { InMemoryDeployments } from './in-memory-deployments';

export const JOB_LOCK_MS = 30_000;
export const SCOPE: InstanceScope = {
  institutionId: 'clinic-a',
  regionPath: ['44', '4419', '441900005'],
};

/** A workflow definition around one of the fixtures' BPMN files. */
export function fixtureWorkflow(
  key: string,
  file: string,
  extra: Partial<WorkflowDefinition> = {},
): WorkflowDefinition {
  return {
    kind: 'workflow',
    key,
    version: 1,
    title: { zh: key, en: key },
    bpmn: readFileSync(join(__dirname, 'fixtures', file), 'utf8'),
    userTasks: [],
    jurisdiction: 'district',
    ...extra,
  };
}

/** A worker definition with test defaults (no retries, 1 s backoff doubling). */
export function worker(
  topic: string,
  handler: WorkerDefinition['handler'],
  options: Partial<WorkerDefinition> = {},
): WorkerDefinition {
  return {
    topic,
    description: topic,
    retries: 0,
    backoff: { ...DEFAULT_BACKOFF, initialMs: 1000, factor: 2, maxMs: 10_000 },
    handler,
    ...options,
  };
}

export interface EmbeddedRig {
  readonly sut: EmbeddedWorkflowRuntime;
  readonly registry: WorkerRegistry;
  readonly deployments: InMemoryDeployments;
  readonly clock: ManualClock;
  /** A provider of the runtime (its stores), to spy on or read what it holds. */
  get<T>(token: Type<T>): T;
  /** Deploys a fixture to the fake deployments port and to the runtime. */
  deploy(definition: WorkflowDefinition): Promise<void>;
  start(
    workflowKey: string,
    businessKey: string,
    variables?: Record<string, unknown>,
  ): Promise<InstanceSnapshot>;
  close(): Promise<void>;
}

/**
 * The embedded runtime on a test database with its real stores, a manual clock and an in-memory
 * deployments port. Several rigs may share one database and clock: a second rig is "the engine
 * after a restart" or "another worker process".
 */
export async function startEmbeddedRig(
  database: TestDatabase,
  options: {
    clock?: ManualClock;
    deployments?: InMemoryDeployments;
    workerId?: string;
    pollMs?: number;
  } = {},
): Promise<EmbeddedRig> {
  const clock = options.clock ?? new ManualClock();
  const deployments = options.deployments ?? new InMemoryDeployments();
  const config = {
    workflows: {
      runtime: 'embedded',
      operatonUrl: undefined,
      workerId: options.workerId ?? 'worker-a',
      pollMs: options.pollMs ?? 20,
      jobLockMs: JOB_LOCK_MS,
    },
  } as unknown as AppConfig;
  /** The configuration, as the app's global ConfigModule provides it. */
  @Global()
  @Module({ providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] })
  class AppPorts {}

  const moduleRef = await Test.createTestingModule({
    imports: [
      MongooseModule.forRoot(database.uri, { dbName: database.name }),
      AppPorts,
      EmbeddedRuntimeModule,
    ],
  })
    .overrideProvider(WorkflowDeployments)
    .useValue(deployments)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  moduleRef.useLogger(false);
  await moduleRef.init();
  const sut = moduleRef.get(WorkflowRuntime);
  if (!(sut instanceof EmbeddedWorkflowRuntime)) throw new Error('not the embedded runtime');
  return {
    sut,
    registry: moduleRef.get(WorkerRegistry),
    deployments,
    clock,
    get: (token) => moduleRef.get(token),
    async deploy(definition) {
      const existing = await deployments.version(definition.key, definition.version);
      const deployment =
        existing ?? (await deployments.save(definition, 'test', clock.now())).deployment;
      await sut.deploy(deployment);
    },
    start: (workflowKey, businessKey, variables = {}) =>
      sut.start({ workflowKey, businessKey, variables: variables as never, scope: SCOPE }),
    async close() {
      await sut.stopBackground();
      await moduleRef.close();
    },
  };
}

/** The open task of an element (the only one, or the one at `loopIndex`). */
export function taskOf(snapshot: InstanceSnapshot, elementId: string, loopIndex?: number) {
  const task = snapshot.openTasks.find(
    (t) => t.elementId === elementId && (loopIndex === undefined || t.loopIndex === loopIndex),
  );
  if (task === undefined) {
    throw new Error(
      `no open task ${elementId}; open: ${snapshot.openTasks.map((t) => t.elementId).join(', ')}`,
    );
  }
  return task;
}
