import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfig } from '../../../../src/config/app-config';
import { WorkflowDeployments } from '../../../../src/modules/workflows/deployments/workflow-deployments';
import { OperatonWorkflowRuntime } from '../../../../src/modules/workflows/operaton/operaton-workflow-runtime';
import { WorkflowRuntime } from '../../../../src/modules/workflows/runtime/workflow-runtime';
import { WorkflowRuntimeModule } from '../../../../src/modules/workflows/workflow-runtime.module';
import { type OperatonDouble, startOperatonDouble } from '../../../support/operaton-double';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { FakeDeployments, reviewLoop } from './operaton-fixtures';
import { SCOPE } from './operaton-harness';

describe('Operaton adapter wiring (WorkflowRuntimeModule as WorkflowsModule uses it)', () => {
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

    /** The configuration, as the app's global ConfigModule provides it. */
    @Global()
    @Module({ providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] })
    class PortsModule {}

    moduleRef = await Test.createTestingModule({
      imports: [
        MongooseModule.forRoot(database.uri, { dbName: database.name }),
        PortsModule,
        WorkflowRuntimeModule.forRoot({ runtime: 'operaton' }),
      ],
    })
      .overrideProvider(WorkflowDeployments)
      .useValue(new FakeDeployments())
      .compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
  });

  afterAll(async () => {
    await moduleRef.close();
    await double.close();
    await database.drop();
  });

  it('Given SENTINEL_WORKFLOW_RUNTIME=operaton, When Nest resolves WorkflowRuntime, Then the Operaton runtime deploys and starts through engine-rest', async () => {
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
