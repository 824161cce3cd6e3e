export { DatabaseModule } from './database.module';
export { DatabaseTarget } from './database-target';
export type { StoreKind } from './database-target';
export { openDatabase } from './open-database';
export type { OpenedDatabase } from './open-database';
