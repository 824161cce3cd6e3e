/**
 * The Operaton adapter (engine-rest + camunda-external-task-client-js), chosen by
 * WorkflowRuntimeModule when SENTINEL_WORKFLOW_RUNTIME=operaton.
 */
export { OperatonRuntimeModule } from './operaton-runtime.module';
export { OperatonWorkflowRuntime } from './operaton-workflow-runtime';
