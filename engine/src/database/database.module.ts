import { DynamicModule, Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AppConfig } from '../config';
import { DatabaseTarget } from './database-target';
import { UnitOfWorkModule } from './unit-of-work.module';

/**
 * The mongoose connection for the whole app. The target was opened and checked before Nest
 * started, so one attempt with a short server selection timeout is enough: no silent retries.
 * Mongoose disconnects in Nest's shutdown hooks; the embedded store stops after, in main.ts.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(target: DatabaseTarget): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        MongooseModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            uri: target.uri,
            dbName: target.dbName,
            serverSelectionTimeoutMS: config.dbTimeoutMs,
            retryAttempts: 0,
          }),
        }),
        UnitOfWorkModule,
      ],
      providers: [{ provide: DatabaseTarget, useValue: target }],
      exports: [DatabaseTarget],
    };
  }
}
