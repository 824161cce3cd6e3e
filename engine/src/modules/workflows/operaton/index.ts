/**
 * The Operaton adapter (engine-rest + camunda-external-task-client-js). Filled in by the
 * runtime's implementation; WorkflowsModule wires these when SENTINEL_WORKFLOW_RUNTIME=operaton.
 */
import type { Provider, Type } from '@nestjs/common';
import type { ModelDefinition } from '@nestjs/mongoose';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';

export const OPERATON_MODELS: ModelDefinition[] = [];
/** Helpers of the runtime (stores, executors); the runtime class itself is `OPERATON_RUNTIME`. */
export const OPERATON_PROVIDERS: Provider[] = [];
export const OPERATON_RUNTIME: Type<WorkflowRuntime> | null = null;
