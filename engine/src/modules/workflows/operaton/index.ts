/**
 * The Operaton adapter (engine-rest + camunda-external-task-client-js). WorkflowsModule wires
 * these when SENTINEL_WORKFLOW_RUNTIME=operaton. Tested against a double of the documented
 * engine-rest contract (test/support/operaton-double.ts), not against a running Operaton.
 */
import type { Provider, Type } from '@nestjs/common';
import type { ModelDefinition } from '@nestjs/mongoose';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';
import { EngineRestClient } from './engine-rest-client';
import { OperatonChangePoller } from './operaton-change-poller';
import { OperatonDeployer } from './operaton-deployer';
import { OperatonIncidents } from './operaton-incidents';
import { OPERATON_INSTANCE_MODEL, OperatonInstanceSchema } from './operaton-instance.schema';
import { OperatonInstanceStore } from './operaton-instance-store';
import { OperatonPublisher } from './operaton-publisher';
import { OperatonStarter } from './operaton-starter';
import { OperatonStateReader } from './operaton-state-reader';
import { OperatonWorkers } from './operaton-workers';
import { OperatonWorkflowRuntime } from './operaton-workflow-runtime';

export const OPERATON_MODELS: ModelDefinition[] = [
  { name: OPERATON_INSTANCE_MODEL, schema: OperatonInstanceSchema },
];
/** Helpers of the runtime (stores, executors); the runtime class itself is `OPERATON_RUNTIME`. */
export const OPERATON_PROVIDERS: Provider[] = [
  EngineRestClient,
  OperatonInstanceStore,
  OperatonStateReader,
  OperatonIncidents,
  OperatonDeployer,
  OperatonStarter,
  OperatonPublisher,
  OperatonChangePoller,
  OperatonWorkers,
];
export const OPERATON_RUNTIME: Type<WorkflowRuntime> = OperatonWorkflowRuntime;
