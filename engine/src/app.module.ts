import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ConnectionDrain } from './common/http/connection-drain';
import { LoggingModule } from './common/logging/logging.module';
import { AppConfig, ConfigModule } from './config';
import { DatabaseModule, DatabaseTarget } from './database';
import { CryptoModule } from './crypto/crypto.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { FilesModule } from './modules/files/files.module';
import { HealthModule } from './modules/health';
import { IdentityModule } from './modules/identity/identity.module';
import { InteropModule } from './modules/interop/interop.module';
import { RegistryModule } from './modules/registry/registry.module';
import { SubmissionsModule } from './modules/submissions/submissions.module';
import { WorkflowsModule } from './modules/workflows/workflows.module';

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
        IdentityModule,
        AuthModule,
        FilesModule,
        InteropModule,
        WorkflowsModule.forRoot(options.config.workflows.runtime),
      ],
      providers: [ConnectionDrain],
    };
  }
}
