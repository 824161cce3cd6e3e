import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ConnectionDrain } from './common/http/connection-drain';
import { LoggingModule } from './common/logging/logging.module';
import { AppConfig, ConfigModule } from './config';
import { DatabaseModule, DatabaseTarget } from './database';
import { HealthModule } from './modules/health';

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
      ],
      providers: [ConnectionDrain],
    };
  }
}
