/**
 * The runtime port every other part of workflows speaks to: `WorkflowRuntime`, what it takes and
 * returns, its errors, and the worker registry. No adapter lives here (see embedded/, operaton/).
 */
export type * from './runtime.types';
export {
  IncidentNotFoundError,
  InstanceConflictError,
  InstanceExecutionError,
  InvalidVariablesError,
  TaskNotOpenError,
  WorkflowErrors,
  WorkflowNotDeployedError,
  type WorkflowLintProblem,
} from './workflow-errors';
export { WorkflowRuntime, type InstanceListener } from './workflow-runtime';
export {
  BpmnBusinessError,
  DEFAULT_BACKOFF,
  retriesLeft,
  retryDelayMs,
  WorkerRegistry,
  type WorkerBackoff,
  type WorkerContext,
  type WorkerDefinition,
  type WorkerResult,
} from './worker-registry';
export { WorkerRegistryModule } from './worker-registry.module';
export { WorkflowBackground } from './workflow-background';
