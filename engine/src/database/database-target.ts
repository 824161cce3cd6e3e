/** Which store answers: a real mongod or the mongomock bridge started in-process, or an external server. */
export type StoreKind = 'mongod' | 'mongomock-bridge' | 'external';

/**
 * Where mongoose connects, decided before Nest starts. An abstract class so the one name is
 * the type and the injection token; the value comes from `openDatabase`.
 */
export abstract class DatabaseTarget {
  /** Connection string; may hold credentials, so log it only through `redactMongoUri`. */
  abstract readonly uri: string;
  abstract readonly kind: StoreKind;
  /** Database used by the engine. */
  abstract readonly dbName: string;
}
