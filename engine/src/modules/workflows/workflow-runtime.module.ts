import { type DynamicModule, Module, type Type } from '@nestjs/common';
import type { WorkflowConfig } from '../../config';
import { EmbeddedRuntimeModule } from './embedded';
import { OperatonRuntimeModule } from './operaton';
import { WorkerRegistryModule } from './runtime';

/** The adapter module of each SENTINEL_WORKFLOW_RUNTIME value; a new runtime is one more entry. */
const RUNTIME_ADAPTERS: Readonly<Record<WorkflowConfig['runtime'], Type>> = {
  embedded: EmbeddedRuntimeModule,
  operaton: OperatonRuntimeModule,
};

/**
 * The `WorkflowRuntime` port backed by the adapter configuration names, with the worker registry
 * the adapters run handlers from. Only the chosen adapter's providers and collections exist.
 */
@Module({})
export class WorkflowRuntimeModule {
  static forRoot(config: Pick<WorkflowConfig, 'runtime'>): DynamicModule {
    const adapter = RUNTIME_ADAPTERS[config.runtime];
    return {
      module: WorkflowRuntimeModule,
      imports: [adapter, WorkerRegistryModule],
      exports: [adapter, WorkerRegistryModule],
    };
  }
}
