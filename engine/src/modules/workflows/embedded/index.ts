/**
 * The embedded runtime (bpmn-engine hydrated per command, lean state in MongoDB). WorkflowsModule
 * wires these when SENTINEL_WORKFLOW_RUNTIME=embedded.
 */
import type { Provider, Type } from '@nestjs/common';
import type { ModelDefinition } from '@nestjs/mongoose';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';
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

export const EMBEDDED_MODELS: ModelDefinition[] = [
  { name: WORKFLOW_INSTANCE_MODEL, schema: workflowInstanceSchema },
  { name: WORKFLOW_JOB_MODEL, schema: workflowJobSchema },
  { name: WORKFLOW_INCIDENT_MODEL, schema: workflowIncidentSchema },
];
/** Helpers of the runtime (stores, executors); the runtime class itself is `EMBEDDED_RUNTIME`. */
export const EMBEDDED_PROVIDERS: Provider[] = [
  CompiledProcesses,
  InstanceStore,
  JobStore,
  IncidentStore,
  SnapshotDelivery,
  InstanceCommands,
  JobExecutor,
  EmbeddedBackground,
];
export const EMBEDDED_RUNTIME: Type<WorkflowRuntime> = EmbeddedWorkflowRuntime;

export { EmbeddedWorkflowRuntime } from './embedded-workflow.runtime';
export { RESERVED_VARIABLE_NAMES } from './process-variables';
