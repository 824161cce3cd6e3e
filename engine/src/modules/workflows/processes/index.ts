/**
 * Outbox consumer starting workflows from submissions, and the process workers
 * (institution-status, submission-release, notify-cdc), and the recorder of each process's
 * outcome on the submission that started it. WorkflowsModule wires these.
 */
import type { Provider, Type } from '@nestjs/common';
import type { ModelDefinition } from '@nestjs/mongoose';
import { ProcessWorkers } from './process-workers';
import { SubmissionWorkflowStarter } from './submission-workflow-starter';
import { WorkflowOutcomeRecorder } from './workflow-outcome-recorder';

export const PROCESS_MODELS: ModelDefinition[] = [];
export const PROCESS_PROVIDERS: Provider[] = [
  ProcessWorkers,
  SubmissionWorkflowStarter,
  WorkflowOutcomeRecorder,
];
export const PROCESS_CONTROLLERS: Type[] = [];

export { SubmissionWorkflowStarter, type StarterPass } from './submission-workflow-starter';
export { ProcessWorkers } from './process-workers';
