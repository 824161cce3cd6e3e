import { type DynamicModule, Module } from '@nestjs/common';
import type { WorkflowConfig } from '../../config';
import { DeploymentsModule } from './deployments';
import { NotificationsModule } from './notifications';
import { ProcessesModule } from './processes';
import { WorkflowBackground } from './runtime';
import { TasksModule } from './tasks';
import { WorkflowRuntimeModule } from './workflow-runtime.module';

/**
 * Workflows, composed of one Nest module per concern. Imports point one way (→ = imports):
 *
 *   WorkflowRuntimeModule → EmbeddedRuntimeModule | OperatonRuntimeModule → DeploymentStoreModule
 *   DeploymentsModule     → WorkflowRuntimeModule, DeploymentStoreModule
 *   TasksModule           → WorkflowRuntimeModule, DeploymentStoreModule, NotificationsModule
 *   ProcessesModule       → WorkflowRuntimeModule, DeploymentsModule, DeploymentStoreModule,
 *                           NotificationsModule
 *
 * None is global: the runtime module is built once here and handed to the modules that use it.
 * The runtime's background starts here, after every module above has bootstrapped (the seeder
 * has deployed, listeners and workers are registered), and stops on shutdown.
 */
@Module({})
export class WorkflowsModule {
  static forRoot(config: Pick<WorkflowConfig, 'runtime'>): DynamicModule {
    const runtime = WorkflowRuntimeModule.forRoot(config);
    const deployments = DeploymentsModule.register(runtime);
    return {
      module: WorkflowsModule,
      // In this order so the routes are registered as before the split.
      imports: [
        runtime,
        deployments,
        TasksModule.register(runtime),
        NotificationsModule,
        ProcessesModule.register(runtime, deployments),
      ],
      providers: [WorkflowBackground],
      // Handlers from other modules may register workers; tests drive the runtime directly.
      exports: [runtime],
    };
  }
}
