/**
 * Outbox consumer starting workflows from submissions, and the process workers (notify-cdc, ...). WorkflowsModule wires these.
 */
import type { Provider, Type } from '@nestjs/common';
import type { ModelDefinition } from '@nestjs/mongoose';

export const PROCESS_MODELS: ModelDefinition[] = [];
export const PROCESS_PROVIDERS: Provider[] = [];
export const PROCESS_CONTROLLERS: Type[] = [];
