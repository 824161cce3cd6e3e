/**
 * Task projection, approvals, timeline, reminders and the incident API. WorkflowsModule wires these.
 */
import type { Provider, Type } from '@nestjs/common';
import type { ModelDefinition } from '@nestjs/mongoose';

export const TASK_MODELS: ModelDefinition[] = [];
export const TASK_PROVIDERS: Provider[] = [];
export const TASK_CONTROLLERS: Type[] = [];
