import { type DynamicModule, Module } from '@nestjs/common';
import { ClockModule } from '../../../common/clock';
import { InstitutionsModule } from '../../institutions';
import { OutboxModule } from '../../outbox';
import { RegistryModule } from '../../registry';
import { SubmissionsModule } from '../../submissions';
import { DeploymentStoreModule } from '../deployments';
import { NotificationsModule } from '../notifications';
import { ProcessWorkers } from './process-workers';
import { SubmissionWorkflowStarter } from './submission-workflow-starter';
import { WorkflowOutcomeRecorder } from './workflow-outcome-recorder';

/**
 * Where workflows meet submissions: the outbox consumer that starts the processes a reported
 * submission's form names, the process workers (institution-status, submission-release,
 * notify-cdc), and the recorder of each process's outcome on the submission that started it.
 */
@Module({})
export class ProcessesModule {
  /**
   * `runtime`: the app's one `WorkflowRuntimeModule.forRoot(...)`; `deployments`: the app's one
   * `DeploymentsModule.register(runtime)`, whose seeder the starter waits for.
   */
  static register(runtime: DynamicModule, deployments: DynamicModule): DynamicModule {
    return {
      module: ProcessesModule,
      imports: [
        ClockModule,
        runtime,
        deployments,
        DeploymentStoreModule,
        NotificationsModule,
        OutboxModule,
        SubmissionsModule,
        InstitutionsModule,
        RegistryModule,
      ],
      providers: [ProcessWorkers, SubmissionWorkflowStarter, WorkflowOutcomeRecorder],
    };
  }
}
