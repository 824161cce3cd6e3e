import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { WorkflowRuntime } from './workflow-runtime';

/**
 * Starts the runtime's background loops (timers, jobs, listener re-delivery) once every module
 * has registered its listeners and workers in `onModuleInit`, and stops them on shutdown so a
 * handler is never cut off by a graceful close.
 */
@Injectable()
export class WorkflowBackground implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly runtime: WorkflowRuntime) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.startBackground();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stopBackground();
  }
}
