import { startEmbeddedStore, type EmbeddedStore } from '../../src/database/embedded-store';
import { TEST_URI_VARIABLE } from './test-database';

/** Shared with global-teardown.ts: Jest runs both in the same parent process. */
declare global {
  var sentinelEmbeddedStore: EmbeddedStore | undefined;
}

/**
 * Starts ONE store for the whole run, unless MONGODB_URI points at a real MongoDB, in which case
 * every suite runs unchanged against it. Workers inherit the URI through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const external = process.env['MONGODB_URI'];
  if (external) {
    process.env[TEST_URI_VARIABLE] = external;
    return;
  }
  const store = await startEmbeddedStore({ log: (line) => process.stderr.write(`${line}\n`) });
  globalThis.sentinelEmbeddedStore = store;
  process.env[TEST_URI_VARIABLE] = store.uri;
}
