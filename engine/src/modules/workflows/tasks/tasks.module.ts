import { type DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClockModule } from '../../../common/clock';
import { AuditModule } from '../../audit';
import { AuthModule } from '../../auth';
import { FilesModule } from '../../files';
import { RegistryModule } from '../../registry';
import { DeploymentStoreModule } from '../deployments';
import { NotificationsModule } from '../notifications';
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

/**
 * The task projection kept from the runtime's snapshots, the approval API (claim, decide,
 * transfer, CC, comments), the per-business-key timeline, reminders and the completion repair.
 * Exports nothing: other modules reach tasks only through the runtime's snapshots.
 */
@Module({})
export class TasksModule {
  /** `runtime`: the app's one `WorkflowRuntimeModule.forRoot(...)`, imported, not global. */
  static register(runtime: DynamicModule): DynamicModule {
    return {
      module: TasksModule,
      imports: [
        ClockModule,
        MongooseModule.forFeature(TASK_MODEL_DEFINITIONS),
        runtime,
        DeploymentStoreModule,
        NotificationsModule,
        AuditModule,
        AuthModule,
        FilesModule,
        RegistryModule,
      ],
      controllers: [TasksController],
      providers: [
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
      ],
    };
  }
}
