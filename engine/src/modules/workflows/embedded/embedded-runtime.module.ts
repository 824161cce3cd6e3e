import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClockModule } from '../../../common/clock';
import { DeploymentStoreModule } from '../deployments';
import { WorkerRegistryModule, WorkflowRuntime } from '../runtime';
import { CompiledProcesses } from './compiled-processes';
import { EmbeddedBackground } from './embedded-background';
import { EmbeddedWorkflowRuntime } from './embedded-workflow.runtime';
import { WORKFLOW_INCIDENT_MODEL, workflowIncidentSchema } from './incident.schema';
import { IncidentStore } from './incident-store';
import { WORKFLOW_INSTANCE_MODEL, workflowInstanceSchema } from './instance.schema';
import { InstanceCommands } from './instance-commands';
import { InstanceStore } from './instance-store';
import { JobExecutor } from './job-executor';
import { WORKFLOW_JOB_MODEL, workflowJobSchema } from './job.schema';
import { JobStore } from './job-store';
import { SnapshotDelivery } from './snapshot-delivery';

/**
 * The embedded runtime (SENTINEL_WORKFLOW_RUNTIME=embedded): bpmn-engine hydrated per command,
 * lean instance state, jobs and incidents in MongoDB. Exports only the `WorkflowRuntime` port.
 */
@Module({
  imports: [
    ClockModule,
    MongooseModule.forFeature([
      { name: WORKFLOW_INSTANCE_MODEL, schema: workflowInstanceSchema },
      { name: WORKFLOW_JOB_MODEL, schema: workflowJobSchema },
      { name: WORKFLOW_INCIDENT_MODEL, schema: workflowIncidentSchema },
    ]),
    DeploymentStoreModule,
    WorkerRegistryModule,
  ],
  providers: [
    CompiledProcesses,
    InstanceStore,
    JobStore,
    IncidentStore,
    SnapshotDelivery,
    InstanceCommands,
    JobExecutor,
    EmbeddedBackground,
    { provide: WorkflowRuntime, useClass: EmbeddedWorkflowRuntime },
  ],
  exports: [WorkflowRuntime],
})
export class EmbeddedRuntimeModule {}
