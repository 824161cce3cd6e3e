import { type DynamicModule, Module } from '@nestjs/common';
import { ClockModule } from '../../../common/clock';
import { AuditModule } from '../../audit';
import { RegistryModule } from '../../registry';
import { DeploymentStoreModule } from './deployment-store.module';
import { IncidentAdmin } from './incident-admin';
import { IncidentsAdminController } from './incidents-admin.controller';
import { WorkflowAdminController } from './workflow-admin.controller';
import { WorkflowCatalog } from './workflow-catalog';
import { WorkflowDeployer } from './workflow-deployer';
import { WorkflowLintContextFactory } from './workflow-lint-context';
import { WorkflowSeeder } from './workflow-seeder';
import { WorkflowShapeChecker } from './workflow-shape';

/**
 * Deploying workflows (lint, immutable version, runtime told), content seeding at boot, and the
 * admin API for workflows and incidents. Exports the seeder, whose `settled` the outbox consumer
 * waits for.
 */
@Module({})
export class DeploymentsModule {
  /** `runtime`: the app's one `WorkflowRuntimeModule.forRoot(...)`, imported, not global. */
  static register(runtime: DynamicModule): DynamicModule {
    return {
      module: DeploymentsModule,
      imports: [DeploymentStoreModule, runtime, AuditModule, ClockModule, RegistryModule],
      controllers: [WorkflowAdminController, IncidentsAdminController],
      providers: [
        WorkflowShapeChecker,
        WorkflowLintContextFactory,
        WorkflowDeployer,
        WorkflowCatalog,
        WorkflowSeeder,
        IncidentAdmin,
      ],
      exports: [WorkflowSeeder],
    };
  }
}
