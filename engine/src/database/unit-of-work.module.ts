import { Global, Module } from '@nestjs/common';
import { MongoUnitOfWork } from './mongo-unit-of-work';
import { UnitOfWork } from './unit-of-work';

/**
 * The unit of work over the app's mongoose connection, for every module. Separate from
 * `DatabaseModule` so test modules that open their own connection can have it too.
 */
@Global()
@Module({
  providers: [{ provide: UnitOfWork, useClass: MongoUnitOfWork }],
  exports: [UnitOfWork],
})
export class UnitOfWorkModule {}
