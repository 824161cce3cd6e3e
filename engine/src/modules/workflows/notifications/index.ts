/**
 * In-app notifications store and API. WorkflowsModule wires these.
 */
import type { Provider, Type } from '@nestjs/common';
import type { ModelDefinition } from '@nestjs/mongoose';

export const NOTIFICATION_MODELS: ModelDefinition[] = [];
export const NOTIFICATION_PROVIDERS: Provider[] = [];
export const NOTIFICATION_CONTROLLERS: Type[] = [];
