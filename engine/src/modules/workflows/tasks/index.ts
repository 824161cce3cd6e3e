/**
 * Task projection, approvals, timeline and reminders. WorkflowsModule wires these.
 */
import type { Provider, Type } from '@nestjs/common';
import type { ModelDefinition } from '@nestjs/mongoose';
import { CompletionRecorder } from './completion-recorder';
import { CompletionRepair } from './completion-repair';
import { CompletionStore } from './completion-store';
import { InstanceAccess } from './instance-access';
import { TaskCompletion } from './task-completion';
import { TaskDeployments } from './task-deployments';
import { TaskFormValues } from './task-form-values';
import { TaskInstanceStore } from './task-instance-store';
import { TASK_MODEL_DEFINITIONS } from './task-models';
import { TaskProjection } from './task-projection';
import { TaskQueries } from './task-queries';
import { TaskReminders } from './task-reminders';
import { TaskStore } from './task-store';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';
import { TimelineStore } from './timeline-store';

export const TASK_MODELS: ModelDefinition[] = TASK_MODEL_DEFINITIONS;
export const TASK_PROVIDERS: Provider[] = [
  TaskStore,
  CompletionStore,
  TimelineStore,
  TaskInstanceStore,
  TaskDeployments,
  InstanceAccess,
  CompletionRecorder,
  TaskProjection,
  TaskQueries,
  TaskFormValues,
  TasksService,
  TaskCompletion,
  CompletionRepair,
  TaskReminders,
];
export const TASK_CONTROLLERS: Type[] = [TasksController];
