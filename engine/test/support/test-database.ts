import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import mongoose from 'mongoose';

/** Set by global-setup.ts: the store every medium/e2e test file talks to. */
export const TEST_URI_VARIABLE = 'SENTINEL_TEST_MONGODB_URI';
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

/** The store URI without a database name, as global-setup exposed it. */
export function testStoreUri(): string {
  const uri = process.env[TEST_URI_VARIABLE];
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
  const name = testDatabaseName(testFile);
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
