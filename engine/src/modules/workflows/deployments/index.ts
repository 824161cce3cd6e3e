/**
 * Deployment store, deployer, content seeding and the admin deploy API. WorkflowsModule wires these.
 */
import type { Provider, Type } from '@nestjs/common';
import type { ModelDefinition } from '@nestjs/mongoose';
import { IncidentAdmin } from './incident-admin';
import { IncidentsAdminController } from './incidents-admin.controller';
import { MongoWorkflowDeployments } from './mongo-workflow-deployments';
import { WorkflowAdminController } from './workflow-admin.controller';
import { WorkflowCatalog } from './workflow-catalog';
import { WorkflowDeployer } from './workflow-deployer';
import { WORKFLOW_DEPLOYMENT_MODEL, workflowDeploymentSchema } from './workflow-deployment.schema';
import { WorkflowDeploymentStore } from './workflow-deployment-store';
import { WorkflowDeployments } from './workflow-deployments';
import { WorkflowLintContextFactory } from './workflow-lint-context';
import { WorkflowSeeder } from './workflow-seeder';
import { WorkflowShapeChecker } from './workflow-shape';

export const DEPLOYMENT_MODELS: ModelDefinition[] = [
  { name: WORKFLOW_DEPLOYMENT_MODEL, schema: workflowDeploymentSchema },
];
export const DEPLOYMENT_PROVIDERS: Provider[] = [
  MongoWorkflowDeployments,
  { provide: WorkflowDeploymentStore, useExisting: MongoWorkflowDeployments },
  { provide: WorkflowDeployments, useExisting: MongoWorkflowDeployments },
  WorkflowShapeChecker,
  WorkflowLintContextFactory,
  WorkflowDeployer,
  WorkflowCatalog,
  WorkflowSeeder,
  IncidentAdmin,
];
export const DEPLOYMENT_CONTROLLERS: Type[] = [WorkflowAdminController, IncidentsAdminController];
