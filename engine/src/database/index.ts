export { DatabaseModule } from './database.module';
export { DatabaseTarget } from './database-target';
export type { StoreKind } from './database-target';
export { openDatabase } from './open-database';
export type { OpenedDatabase } from './open-database';
export { ImmediateUnitOfWork, UnitOfWork } from './unit-of-work';
export { UnitOfWorkModule } from './unit-of-work.module';
export { ambientSession, MongoUnitOfWork } from './mongo-unit-of-work';
export { DUPLICATE_KEY_CODE, duplicateKeyField, isDuplicateKeyError } from './mongo-errors';
