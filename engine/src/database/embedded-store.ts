import { existsSync } from 'node:fs';
import { startMongomockBridge } from './embedded-store.bridge';
import { startMongodReplSet } from './embedded-store.mongod';
import type { EmbeddedStore, EmbeddedStoreOptions } from './embedded-store.types';

export type { EmbeddedStore, EmbeddedStoreOptions } from './embedded-store.types';

/**
 * Starts a MongoDB-speaking store for development and tests: a real single-member replica set
 * when a mongod binary is available, otherwise the mongomock wire-protocol bridge.
 */
export async function startEmbeddedStore(
  options: EmbeddedStoreOptions = {},
): Promise<EmbeddedStore> {
  const log = options.log ?? ((line: string) => console.log(line));
  const mongodBinary = options.mongodBinary ?? process.env['MONGOMS_SYSTEM_BINARY'];
  if (mongodBinary) {
    if (existsSync(mongodBinary)) {
      return startMongodReplSet({ ...options, log }, mongodBinary);
    }
    log(
      `embedded store: MONGOMS_SYSTEM_BINARY=${mongodBinary} does not exist; falling back to the mongomock bridge`,
    );
  }
  return startMongomockBridge({ ...options, log });
}
