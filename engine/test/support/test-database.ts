import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import mongoose from 'mongoose';

/** Set by global-setup.ts when MONGODB_URI names a real MongoDB that every worker shares. */
export const TEST_URI_VARIABLE = 'SENTINEL_TEST_MONGODB_URI';
/** Set by global-setup.ts: how many embedded stores it started, one per Jest worker. */
export const TEST_STORE_COUNT_VARIABLE = 'SENTINEL_TEST_STORE_COUNT';
/** Set by global-setup.ts: names this run's seeded templates (seeded-template.ts). */
export const TEST_RUN_VARIABLE = 'SENTINEL_TEST_RUN';
const MAX_DATABASE_NAME = 38;

export interface TestDatabase {
  /** Unique per test file, so files never share data. */
  readonly name: string;
  /** mongodb:// URI including the database name. */
  readonly uri: string;
  readonly connection: mongoose.Connection;
  /** Drops the database and closes the connection. */
  drop(): Promise<void>;
}

/** The variable holding the embedded store of Jest worker `worker` (1-based). */
export function workerUriVariable(worker: number): string {
  return `${TEST_URI_VARIABLE}_W${worker}`;
}

/** This process's Jest worker, 1-based; '1' when Jest runs in band. */
export function jestWorker(): number {
  return Number(process.env['JEST_WORKER_ID'] ?? '1');
}

/**
 * The store URI without a database name, as global-setup exposed it: this worker's own embedded
 * store, or the shared real MongoDB.
 */
export function testStoreUri(): string {
  const stores = Number(process.env[TEST_STORE_COUNT_VARIABLE] ?? '0');
  // A worker Jest recycled keeps its id; the modulo only guards against an id past the count.
  const own = stores > 0 ? workerUriVariable(((jestWorker() - 1) % stores) + 1) : undefined;
  const uri = (own && process.env[own]) || process.env[TEST_URI_VARIABLE];
  if (!uri) {
    throw new Error(
      `${TEST_URI_VARIABLE} is not set: run medium tests through jest --selectProjects medium`,
    );
  }
  return uri;
}

/** `mongodb://h:1/?x=y` + `db` → `mongodb://h:1/db?x=y` (works for multi-host URIs too). */
export function withDatabaseName(uri: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)\/?[^?]*(\?.*)?$/.exec(uri);
  if (!match?.[1]) throw new Error(`not a mongodb:// URI: ${uri}`);
  return `${match[1]}/${name}${match[2] ?? ''}`;
}

/** `test/medium/foo.medium-spec.ts` → `t_foo_medium_spec_3f9a1c2b`, at most 38 characters. */
export function testDatabaseName(testFile: string): string {
  const suffix = randomBytes(4).toString('hex');
  const stem = basename(testFile)
    .replace(/\.ts$/, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .slice(0, MAX_DATABASE_NAME - suffix.length - 3);
  return `t_${stem}_${suffix}`;
}

/**
 * A fresh, uniquely named database for one test file. Call in beforeAll with `__filename` and
 * `drop()` it in afterAll.
 */
export async function createTestDatabase(testFile: string): Promise<TestDatabase> {
  return openTestDatabase(testDatabaseName(testFile));
}

/** The database `name` in this worker's store (created on first write). */
export async function openTestDatabase(name: string): Promise<TestDatabase> {
  const uri = withDatabaseName(testStoreUri(), name);
  const connection = await mongoose.createConnection(uri, { autoIndex: true }).asPromise();
  return {
    name,
    uri,
    connection,
    async drop() {
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

/** True when the store is the mongomock bridge (its buildInfo version ends in `-mongomock`). */
export async function isMongomockBridge(connection: mongoose.Connection): Promise<boolean> {
  const info = await connection.db?.admin().buildInfo();
  return String(info?.['version'] ?? '').endsWith('-mongomock');
}
