/**
 * Workflow deployments: the store of immutable versions (DeploymentStoreModule, read through the
 * `WorkflowDeployments` port by the runtimes, tasks and processes) and the deployer, seeder and
 * admin API (DeploymentsModule).
 */
export { DeploymentStoreModule } from './deployment-store.module';
export { DeploymentsModule } from './deployments.module';
export {
  WorkflowDeployments,
  WorkflowVersionConflictError,
  type DeployOutcome,
} from './workflow-deployments';
export { WorkflowSeeder } from './workflow-seeder';
