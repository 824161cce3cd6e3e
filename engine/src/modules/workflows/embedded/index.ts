/**
 * The embedded runtime (bpmn-engine hydrated per command, lean state in MongoDB), chosen by
 * WorkflowRuntimeModule when SENTINEL_WORKFLOW_RUNTIME=embedded.
 */
export { EmbeddedRuntimeModule } from './embedded-runtime.module';
export { EmbeddedWorkflowRuntime } from './embedded-workflow.runtime';
export { RESERVED_VARIABLE_NAMES } from './process-variables';
