import { randomBytes } from 'node:crypto';
import { startEmbeddedStore, type EmbeddedStore } from '../../src/database/embedded-store';
import {
  TEST_RUN_VARIABLE,
  TEST_STORE_COUNT_VARIABLE,
  TEST_URI_VARIABLE,
  workerUriVariable,
} from './test-database';

/** Shared with global-teardown.ts: Jest runs both in the same parent process. */
declare global {
  var sentinelEmbeddedStores: readonly EmbeddedStore[] | undefined;
}

/** The part of Jest's global configuration this hook reads. */
interface RunConfig {
  readonly maxWorkers: number;
}

/**
 * Starts one store PER JEST WORKER (the bridge answers one command at a time, so a shared store
 * would serialise the workers), unless MONGODB_URI points at a real MongoDB, in which case every
 * suite runs unchanged against it. Workers inherit the URIs through the environment and pick
 * theirs by JEST_WORKER_ID (test-database.ts).
 */
export default async function globalSetup(config: RunConfig): Promise<void> {
  process.env[TEST_RUN_VARIABLE] = randomBytes(4).toString('hex');
  const external = process.env['MONGODB_URI'];
  if (external) {
    process.env[TEST_URI_VARIABLE] = external;
    return;
  }
  const count = Math.max(1, config.maxWorkers);
  const log = (line: string): boolean => process.stderr.write(`${line}\n`);
  const started = await Promise.allSettled(
    Array.from({ length: count }, () => startEmbeddedStore({ log })),
  );
  const stores = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  globalThis.sentinelEmbeddedStores = stores;
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  process.env[TEST_STORE_COUNT_VARIABLE] = String(count);
  stores.forEach((store, index) => {
    process.env[workerUriVariable(index + 1)] = store.uri;
  });
}
