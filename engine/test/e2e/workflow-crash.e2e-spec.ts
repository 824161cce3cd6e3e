import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createTestDatabase, testStoreUri, type TestDatabase } from '../support/test-database';
import { assertBuilt } from './engine-process';

/**
 * At-least-once delivery as a crash meets it: the engine process is SIGKILLed while an external
 * task's handler runs (its job locked, its side effect not yet written). After a restart the
 * lock expires, the job is taken over and the handler runs again with the same idempotency key;
 * the keyed side effect is written once, and every instance completes exactly once.
 *
 * The engine is the built app (dist) started by test/support/workflow-crash-engine.mjs, which
 * adds one slow test worker and starts the instances; the store is this run's test store, which
 * outlives the killed process as a real MongoDB would.
 */
const CHILD = resolve(__dirname, '../support/workflow-crash-engine.mjs');
const INSTANCES = 3;
const HANDLER_MS = 3000;
/** Longer than the handler, so a live worker never loses its own lock. */
const LOCK_MS = 4000;

interface HandlerRun {
  key: string;
  attempt: number;
  pid: number;
  phase: 'started' | 'finished';
}

function startEngine(database: TestDatabase): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [CHILD], {
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: process.env['HOME'] ?? '/tmp',
      MONGODB_URI: testStoreUri(),
      SENTINEL_DB_NAME: database.name,
      SENTINEL_MODE: 'test',
      SENTINEL_SEED_CONTENT: 'false',
      SENTINEL_PASSWORD_ITERATIONS: '1000',
      SENTINEL_WORKFLOW_POLL_MS: '100',
      SENTINEL_WORKFLOW_LOCK_MS: String(LOCK_MS),
      LOG_LEVEL: 'warn',
      E2E_CRASH_INSTANCES: String(INSTANCES),
      E2E_CRASH_HANDLER_MS: String(HANDLER_MS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Polls `probe` every 100 ms until it returns true (the engine runs in another process). */
async function until(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  log: () => string,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; engine output:\n${log()}`);
}

describe('workflow jobs when the engine is SIGKILLed mid-handler', () => {
  let database: TestDatabase;
  let engines: ChildProcess[] = [];

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase(__filename);
  });

  afterAll(async () => {
    for (const child of engines) if (child.exitCode === null) child.kill('SIGKILL');
    await database.drop();
  });

  it('given handlers running, when the engine is killed and restarted, then each handler runs again with the same key, its effect is written once and no instance is lost or duplicated', async () => {
    const runs = () => database.connection.collection<HandlerRun>('e2e_handler_runs');
    const first = startEngine(database);
    engines.push(first.child);
    await until(
      'every handler to start',
      async () => (await runs().countDocuments({ phase: 'started' })) === INSTANCES,
      60_000,
      first.output,
    );

    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(await runs().countDocuments({ phase: 'finished' })).toBe(0);
    expect(await database.connection.collection('e2e_side_effects').countDocuments()).toBe(0);

    const second = startEngine(database);
    engines.push(second.child);
    const instances = database.connection.collection('workflow_instances');
    await until(
      'every instance to complete',
      async () => (await instances.countDocuments({ state: 'completed' })) === INSTANCES,
      60_000,
      second.output,
    );
    second.child.kill('SIGTERM');
    engines = engines.filter((c) => c.exitCode === null);

    const stored = await instances.find({}).toArray();
    expect(stored.map((i) => i['businessKey']).sort()).toEqual(['crash-0', 'crash-1', 'crash-2']);
    expect(stored.every((i) => i['variables']['effectWritten'] === true)).toBe(true);
    const effects = await database.connection.collection('e2e_side_effects').find({}).toArray();
    expect(effects).toHaveLength(INSTANCES);
    expect(effects.every((e) => e['writes'] === 1)).toBe(true);
    const jobs = await database.connection.collection('workflow_jobs').find({}).toArray();
    expect(jobs.map((j) => [j['status'], j['attempts']])).toEqual(
      Array(INSTANCES).fill(['done', 2]),
    );
    for (const job of jobs) {
      const delivered = await runs()
        .find({ key: String(job['_id']) })
        .sort({ attempt: 1, phase: -1 })
        .toArray();
      expect(delivered.map((r) => [r.attempt, r.phase])).toEqual([
        [1, 'started'],
        [2, 'started'],
        [2, 'finished'],
      ]);
      expect(delivered[0]!.pid).toBe(first.child.pid);
      expect(delivered[1]!.pid).toBe(second.child.pid);
    }
  }, 120_000);
});
