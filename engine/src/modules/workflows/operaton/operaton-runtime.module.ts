import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClockModule } from '../../../common/clock';
import { DeploymentStoreModule } from '../deployments';
import { WorkerRegistryModule, WorkflowRuntime } from '../runtime';
import { EngineRestClient } from './engine-rest-client';
import { OperatonChangePoller } from './operaton-change-poller';
import { OperatonDeployer } from './operaton-deployer';
import { OperatonIncidents } from './operaton-incidents';
import { OPERATON_INSTANCE_MODEL, OperatonInstanceSchema } from './operaton-instance.schema';
import { OperatonInstanceStore } from './operaton-instance-store';
import { OperatonPublisher } from './operaton-publisher';
import { OperatonStarter } from './operaton-starter';
import { OperatonStateReader } from './operaton-state-reader';
import { OperatonWorkers } from './operaton-workers';
import { OperatonWorkflowRuntime } from './operaton-workflow-runtime';

/**
 * The Operaton adapter (SENTINEL_WORKFLOW_RUNTIME=operaton): engine-rest plus
 * camunda-external-task-client-js workers. Tested against a double of the documented engine-rest
 * contract (test/support/operaton-double.ts), not against a running Operaton. Exports only the
 * `WorkflowRuntime` port.
 */
@Module({
  imports: [
    ClockModule,
    MongooseModule.forFeature([{ name: OPERATON_INSTANCE_MODEL, schema: OperatonInstanceSchema }]),
    DeploymentStoreModule,
    WorkerRegistryModule,
  ],
  providers: [
    EngineRestClient,
    OperatonInstanceStore,
    OperatonStateReader,
    OperatonIncidents,
    OperatonDeployer,
    OperatonStarter,
    OperatonPublisher,
    OperatonChangePoller,
    OperatonWorkers,
    { provide: WorkflowRuntime, useClass: OperatonWorkflowRuntime },
  ],
  exports: [WorkflowRuntime],
})
export class OperatonRuntimeModule {}
