import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfig } from '../../../../src/config/app-config';
import { Clock, SystemClock } from '../../../../src/common/clock';
import { WorkflowDeployments } from '../../../../src/modules/workflows/deployments/workflow-deployments';
import {
  OPERATON_MODELS,
  OPERATON_PROVIDERS,
  OPERATON_RUNTIME,
} from '../../../../src/modules/workflows/operaton';
import { OperatonWorkflowRuntime } from '../../../../src/modules/workflows/operaton/operaton-workflow-runtime';
import { WorkerRegistry } from '../../../../src/modules/workflows/runtime/worker-registry';
import { WorkflowRuntime } from '../../../../src/modules/workflows/runtime/workflow-runtime';
import { type OperatonDouble, startOperatonDouble } from '../../../support/operaton-double';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { FakeDeployments, reviewLoop } from './operaton-fixtures';
import { SCOPE } from './operaton-harness';

describe('Operaton adapter wiring (the folder index as WorkflowsModule uses it)', () => {
  let database: TestDatabase;
  let double: OperatonDouble;
  let moduleRef: TestingModule;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    double = await startOperatonDouble();
    const config = {
      workflows: {
        runtime: 'operaton',
        operatonUrl: double.url,
        workerId: 'nest-worker',
        pollMs: 50,
        jobLockMs: 10_000,
      },
    };

    @Module({
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Clock, useClass: SystemClock },
        { provide: WorkflowDeployments, useValue: new FakeDeployments() },
      ],
      exports: [AppConfig, Clock, WorkflowDeployments],
    })
    class PortsModule {}

    moduleRef = await Test.createTestingModule({
      imports: [
        MongooseModule.forRoot(database.uri, { dbName: database.name }),
        MongooseModule.forFeature(OPERATON_MODELS),
        PortsModule,
      ],
      providers: [
        WorkerRegistry,
        { provide: WorkflowRuntime, useClass: OPERATON_RUNTIME! },
        ...OPERATON_PROVIDERS,
      ],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
  });

  afterAll(async () => {
    await moduleRef.close();
    await double.close();
    await database.drop();
  });

  it('Given the folder’s models and providers, When Nest resolves WorkflowRuntime, Then the Operaton runtime deploys and starts through engine-rest', async () => {
    const runtime = moduleRef.get(WorkflowRuntime);
    const deployments = moduleRef.get(WorkflowDeployments) as FakeDeployments;

    await runtime.deploy(deployments.add(reviewLoop));
    const snapshot = await runtime.start({
      workflowKey: 'review-loop',
      businessKey: 'nest-1',
      variables: {},
      scope: SCOPE,
    });

    expect(runtime).toBeInstanceOf(OperatonWorkflowRuntime);
    expect(snapshot.openTasks.map((task) => task.elementId)).toEqual(['review']);
  });
});
