import { DynamicModule, Module, type Type } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClockModule } from '../../common/clock';
import { SubmissionsModule } from '../submissions';
import { DEPLOYMENT_CONTROLLERS, DEPLOYMENT_MODELS, DEPLOYMENT_PROVIDERS } from './deployments';
import { EMBEDDED_MODELS, EMBEDDED_PROVIDERS, EMBEDDED_RUNTIME } from './embedded';
import {
  NOTIFICATION_CONTROLLERS,
  NOTIFICATION_MODELS,
  NOTIFICATION_PROVIDERS,
} from './notifications';
import { OPERATON_MODELS, OPERATON_PROVIDERS, OPERATON_RUNTIME } from './operaton';
import { PROCESS_CONTROLLERS, PROCESS_MODELS, PROCESS_PROVIDERS } from './processes';
import { WorkerRegistry } from './runtime/worker-registry';
import { WorkflowBackground } from './runtime/workflow-background';
import { WorkflowRuntime } from './runtime/workflow-runtime';
import { TASK_CONTROLLERS, TASK_MODELS, TASK_PROVIDERS } from './tasks';

export type WorkflowRuntimeKind = 'embedded' | 'operaton';

/**
 * Workflows: deployments, the BPMN runtime chosen by configuration (embedded bpmn-engine or
 * Operaton over engine-rest), the worker registry, the task projection and approval API, the
 * timeline, notifications, and the processes started from accepted submissions.
 */
@Module({})
export class WorkflowsModule {
  static forRoot(kind: WorkflowRuntimeKind): DynamicModule {
    const runtime: Type<WorkflowRuntime> =
      kind === 'embedded' ? EMBEDDED_RUNTIME : OPERATON_RUNTIME;
    const runtimeModels = kind === 'embedded' ? EMBEDDED_MODELS : OPERATON_MODELS;
    const runtimeProviders = kind === 'embedded' ? EMBEDDED_PROVIDERS : OPERATON_PROVIDERS;
    return {
      module: WorkflowsModule,
      imports: [
        ClockModule,
        SubmissionsModule,
        MongooseModule.forFeature([
          ...DEPLOYMENT_MODELS,
          ...runtimeModels,
          ...TASK_MODELS,
          ...NOTIFICATION_MODELS,
          ...PROCESS_MODELS,
        ]),
      ],
      controllers: [
        ...DEPLOYMENT_CONTROLLERS,
        ...TASK_CONTROLLERS,
        ...NOTIFICATION_CONTROLLERS,
        ...PROCESS_CONTROLLERS,
      ],
      providers: [
        WorkerRegistry,
        { provide: WorkflowRuntime, useClass: runtime },
        ...runtimeProviders,
        ...DEPLOYMENT_PROVIDERS,
        ...TASK_PROVIDERS,
        ...NOTIFICATION_PROVIDERS,
        ...PROCESS_PROVIDERS,
        WorkflowBackground,
      ],
      exports: [WorkerRegistry],
    };
  }
}
