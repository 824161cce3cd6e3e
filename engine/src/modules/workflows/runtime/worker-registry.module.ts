import { Module } from '@nestjs/common';
import { WorkerRegistry } from './worker-registry';

/**
 * The one registry of external-task workers: process modules register their handlers in
 * `onModuleInit`, the runtime adapters look them up, the deploy lint checks topics against it.
 */
@Module({
  providers: [WorkerRegistry],
  exports: [WorkerRegistry],
})
export class WorkerRegistryModule {}
