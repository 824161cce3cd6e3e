/**
 * The embedded runtime (bpmn-engine hydrated per command, lean state in MongoDB). Filled in by the
 * runtime's implementation; WorkflowsModule wires these when SENTINEL_WORKFLOW_RUNTIME=embedded.
 */
import type { Provider, Type } from '@nestjs/common';
import type { ModelDefinition } from '@nestjs/mongoose';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';

export const EMBEDDED_MODELS: ModelDefinition[] = [];
/** Helpers of the runtime (stores, executors); the runtime class itself is `EMBEDDED_RUNTIME`. */
export const EMBEDDED_PROVIDERS: Provider[] = [];
export const EMBEDDED_RUNTIME: Type<WorkflowRuntime> | null = null;
