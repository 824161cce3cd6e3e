import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ConnectionDrain } from './common/http';
import { LoggingModule } from './common/logging';
import { AppConfig, ConfigModule } from './config';
import { DatabaseModule, DatabaseTarget } from './database';
import { CryptoModule } from './crypto';
import { AuditModule } from './modules/audit';
import { AuthModule } from './modules/auth';
import { FilesModule } from './modules/files';
import { HealthModule } from './modules/health';
import { IdentityModule } from './modules/identity';
import { InstitutionsModule } from './modules/institutions';
import { InteropModule } from './modules/interop';
import { RegistryModule } from './modules/registry';
import { SubmissionsModule } from './modules/submissions';
import { WorkflowsModule } from './modules/workflows';

/** What boot decided before Nest started; tests pass their own. */
export interface AppModuleOptions {
  readonly config: AppConfig;
  readonly database: DatabaseTarget;
  readonly logger: Logger;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options.config),
        LoggingModule.forRoot(options.logger),
        DatabaseModule.forRoot(options.database),
        HealthModule,
        CryptoModule,
        AuditModule,
        RegistryModule,
        // Before IdentityModule: its `GET /patients/search` must win over `GET /patients/:id`.
        SubmissionsModule,
        InstitutionsModule,
        IdentityModule,
        AuthModule,
        FilesModule,
        InteropModule,
        WorkflowsModule.forRoot(options.config.workflows),
      ],
      providers: [ConnectionDrain],
    };
  }
}
