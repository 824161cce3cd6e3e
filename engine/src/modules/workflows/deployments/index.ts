/**
 * Deployment store, deployer, content seeding and the admin deploy API. WorkflowsModule wires these.
 */
import type { Provider, Type } from '@nestjs/common';
import type { ModelDefinition } from '@nestjs/mongoose';

export const DEPLOYMENT_MODELS: ModelDefinition[] = [];
export const DEPLOYMENT_PROVIDERS: Provider[] = [];
export const DEPLOYMENT_CONTROLLERS: Type[] = [];
