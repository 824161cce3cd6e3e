import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MongoWorkflowDeployments } from './mongo-workflow-deployments';
import { WORKFLOW_DEPLOYMENT_MODEL, workflowDeploymentSchema } from './workflow-deployment.schema';
import { WorkflowDeploymentStore } from './workflow-deployment-store';
import { WorkflowDeployments } from './workflow-deployments';

/**
 * The immutable deployment versions (`workflow_deployments`). A module of its own, below the
 * runtime: the runtime adapters read deployments, and the deployer (DeploymentsModule) tells the
 * runtime, so one module holding both would import the runtime that imports it.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: WORKFLOW_DEPLOYMENT_MODEL, schema: workflowDeploymentSchema },
    ]),
  ],
  providers: [
    MongoWorkflowDeployments,
    { provide: WorkflowDeploymentStore, useExisting: MongoWorkflowDeployments },
    { provide: WorkflowDeployments, useExisting: MongoWorkflowDeployments },
  ],
  exports: [WorkflowDeployments, WorkflowDeploymentStore],
})
export class DeploymentStoreModule {}
