import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import {
  AcknowledgedWriter,
  appendTornRecord,
  childPids,
  damageFirstRecord,
  connectTo,
  killHard,
  sleep,
  startBridge,
  waitUntilGone,
  writerEntrySchema,
  type RunningBridge,
  type WriterEntry,
} from '../support/store-durability';
import { assertBuilt, freePort, runEngine, waitForOk, type EngineProcess } from './engine-process';

/**
 * SECURITY.md "Data integrity" 2: the store killed with SIGKILL while clients write → every
 * acknowledged write is there afterwards. The bridge journals (and fsyncs) each change before
 * replying; these tests kill it (or the engine above it) and count what survived.
 */

interface Item {
  seq: number;
  tag?: string;
  counter?: number;
}

interface Account {
  email: string;
}

const itemSchema = new mongoose.Schema<Item>({ seq: Number, tag: String, counter: Number });
const accountSchema = new mongoose.Schema<Account>(
  { email: { type: String, unique: true } },
  { autoIndex: false, autoCreate: false },
);

function modelsOn(connection: mongoose.Connection): {
  items: mongoose.Model<Item>;
  accounts: mongoose.Model<Account>;
  entries: mongoose.Model<WriterEntry>;
} {
  return {
    items: connection.model<Item>('Item', itemSchema),
    accounts: connection.model<Account>('Account', accountSchema),
    entries: connection.model<WriterEntry>('Entry', writerEntrySchema),
  };
}

function count(lines: readonly string[], pattern: RegExp): number {
  return lines.filter((line) => pattern.test(line)).length;
}

/** Waits for the bridge's next interval snapshot (it only snapshots after a change). */
async function nextSnapshot(bridge: RunningBridge): Promise<void> {
  const before = count(bridge.lines, /snapshot written \(interval/);
  const deadline = Date.now() + 10_000;
  while (count(bridge.lines, /snapshot written \(interval/) === before) {
    if (Date.now() > deadline) throw new Error(`no snapshot:\n${bridge.lines.join('\n')}`);
    await sleep(20);
  }
}

describe('store bridge durability: SIGKILL of the bridge', () => {
  let dataDir: string;
  let bridge: RunningBridge | undefined;
  const connections: mongoose.Connection[] = [];

  async function connect(): Promise<ReturnType<typeof modelsOn>> {
    const connection = await connectTo(bridge!.store.uri, 'durable');
    connections.push(connection);
    return modelsOn(connection);
  }

  /** SIGKILL, then a new bridge on the same data dir and port. */
  async function crashAndRestart(snapshotIntervalMs?: number): Promise<RunningBridge> {
    const { pid, port, store } = bridge!;
    await killHard(pid);
    await store.stop(); // already dead: only lets the launcher see the exit
    bridge = await startBridge(dataDir, port, snapshotIntervalMs);
    return bridge;
  }

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sentinel-durable-'));
  });

  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
    await bridge?.store.stop();
    bridge = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given acknowledged inserts, a committed and an aborted transaction, an $inc and a unique index, when the bridge is SIGKILLed and restarted, then each acknowledged write is there exactly once and the aborted or unfinished ones are not', async () => {
    // given: no snapshot is due for 30 s, so everything below lives only in the journal
    bridge = await startBridge(dataDir);
    const { items, accounts } = await connect();
    for (let seq = 0; seq < 20; seq += 1) await items.create({ seq, counter: 0 });
    await items.db.transaction(async (session) => {
      await items.create([{ seq: 100, tag: 'committed' }], { session });
      await items.updateOne({ seq: 0 }, { $set: { tag: 'committed' } }, { session });
    });
    const aborted = await items.db.startSession();
    aborted.startTransaction();
    await items.create([{ seq: 200, tag: 'aborted' }], { session: aborted });
    await items.updateOne({ seq: 1 }, { $set: { tag: 'aborted' } }, { session: aborted });
    await aborted.abortTransaction();
    await aborted.endSession();
    await items.updateOne({ seq: 2 }, { $inc: { counter: 1 } });
    await accounts.createIndexes();
    await accounts.create({ email: 'clinic@example.cn' });
    const unfinished = await items.db.startSession(); // still open when the bridge dies
    unfinished.startTransaction();
    await items.create([{ seq: 300, tag: 'unfinished' }], { session: unfinished });
    await items.updateOne({ seq: 3 }, { $set: { tag: 'unfinished' } }, { session: unfinished });

    // when
    const restarted = await crashAndRestart();
    const after = await connect();

    // then
    expect(existsSync(join(dataDir, 'snapshot.json.tmp'))).toBe(false);
    expect(restarted.lines.join('\n')).toMatch(/no snapshot; \d+ journal records replayed/);
    const stored = await after.items.find({}, { _id: 0, __v: 0 }).sort({ seq: 1 }).lean();
    expect(stored.map((item) => item.seq)).toEqual([...Array(20).keys(), 100]);
    expect(stored[0]).toEqual({ seq: 0, counter: 0, tag: 'committed' });
    expect(stored[1]).toEqual({ seq: 1, counter: 0 });
    expect(stored[2]).toEqual({ seq: 2, counter: 1 });
    expect(stored[3]).toEqual({ seq: 3, counter: 0 });
    expect(stored[20]).toEqual({ seq: 100, tag: 'committed' });
    await expect(after.accounts.create({ email: 'clinic@example.cn' })).rejects.toMatchObject({
      code: 11000,
    });
    expect(await after.accounts.countDocuments()).toBe(1);
    await unfinished.endSession().catch(() => undefined); // its server is gone
  });

  it('given an $inc before and after a snapshot, when the bridge is SIGKILLed and restarted, then the counter shows both increments, each once', async () => {
    // given
    bridge = await startBridge(dataDir, 0, 100);
    const { items } = await connect();
    await items.create({ seq: 1, counter: 0 });
    await items.updateOne({ seq: 1 }, { $inc: { counter: 1 }, $currentDate: { touchedAt: true } });
    await nextSnapshot(bridge);
    await items.updateOne({ seq: 1 }, { $inc: { counter: 1 } });

    // when: killed before the next snapshot could include the second $inc
    await crashAndRestart();
    const after = await connect();

    // then
    expect(await after.items.findOne({ seq: 1 }).lean()).toMatchObject({ counter: 2 });
    expect(await after.items.countDocuments()).toBe(1);
  });

  it('given a transaction still open when a snapshot was taken, when the bridge is SIGKILLed and restarted, then none of its writes are there', async () => {
    // given: the snapshot holds the uncommitted writes and the transaction's undo log
    bridge = await startBridge(dataDir, 0, 100);
    const { items } = await connect();
    await items.create({ seq: 1, tag: 'before' });
    const open = await items.db.startSession();
    open.startTransaction();
    await items.create([{ seq: 2 }], { session: open });
    await items.updateOne({ seq: 1 }, { $set: { tag: 'uncommitted' } }, { session: open });
    await nextSnapshot(bridge);

    // when
    const restarted = await crashAndRestart();
    const after = await connect();

    // then
    expect(restarted.lines.join('\n')).toContain('1 open transaction(s) undone');
    expect(await after.items.find({}, { _id: 0, __v: 0 }).lean()).toEqual([
      { seq: 1, tag: 'before' },
    ]);
    await open.endSession().catch(() => undefined); // its server is gone
  });

  it('given a writer inserting without pause, when the bridge is SIGKILLed and restarted 3 times, then every acknowledged insert is there exactly once', async () => {
    // given
    bridge = await startBridge(dataDir, 0, 500); // snapshots come and go during the run too
    const { entries } = await connect();
    const writer = new AcknowledgedWriter(entries);
    writer.start();
    try {
      // when
      for (let round = 0; round < 3; round += 1) {
        await writer.waitForMore(40);
        await crashAndRestart(500);
      }
      await writer.waitForMore(20);
    } finally {
      await writer.stop();
    }

    // then
    const reader = await connect();
    const acknowledged = writer.acknowledged;
    const found = await reader.entries.find({ _id: { $in: acknowledged } }, { sequence: 1 }).lean();
    expect(found).toHaveLength(acknowledged.length);
    const sequences = found.map((entry) => entry.sequence);
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(acknowledged.length).toBeGreaterThanOrEqual(140);
  }, 120_000);

  it('given half a record appended to the journal while the bridge was down, when it starts, then the earlier records are replayed, the torn one is ignored with a log line, and later writes survive the next crash', async () => {
    // given
    bridge = await startBridge(dataDir);
    const { items } = await connect();
    for (let seq = 0; seq < 5; seq += 1) await items.create({ seq });
    await killHard(bridge.pid);
    await bridge.store.stop();
    const segment = appendTornRecord(dataDir);

    // when
    bridge = await startBridge(dataDir, bridge.port);
    const after = await connect();

    // then
    expect(bridge.lines.join('\n')).toContain(`journal: ignored a torn record at byte`);
    expect(bridge.lines.join('\n')).toContain(segment);
    const replayed = /(\d+) journal records replayed/.exec(bridge.lines.join('\n'))?.[1];
    expect(Number(replayed)).toBeGreaterThanOrEqual(5); // the inserts, plus mongoose creating the collection
    expect((await after.items.find().sort({ seq: 1 }).lean()).map((item) => item.seq)).toEqual([
      0, 1, 2, 3, 4,
    ]);
    await after.items.create({ seq: 5 });
    await crashAndRestart();
    const again = await connect();
    expect(await again.items.countDocuments()).toBe(6);
  });

  it('given a damaged record followed by intact ones, when the bridge starts, then it refuses to start and names the corrupt journal instead of dropping the later records', async () => {
    // given
    bridge = await startBridge(dataDir);
    const { items } = await connect();
    for (let seq = 0; seq < 3; seq += 1) await items.create({ seq });
    await killHard(bridge.pid);
    await bridge.store.stop();
    const { port } = bridge;
    bridge = undefined;
    const segment = damageFirstRecord(dataDir);

    // when
    const start = startBridge(dataDir, port);

    // then
    await expect(start).rejects.toThrow(
      `cannot start: ${segment}: damaged record at byte 0 is followed by intact records; the journal is corrupt, not torn`,
    );
  });
});

describe('store durability: SIGKILL of the engine process', () => {
  beforeAll(() => assertBuilt());

  it('given a writer on the engine store port, when the engine is SIGKILLed alone and then together with its store, and restarted on the same data dir each time, then every acknowledged document is there', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sentinel-durable-engine-'));
    const storePort = await freePort();
    const httpPort = await freePort();
    const env = {
      SENTINEL_DATA_DIR: dataDir,
      SENTINEL_EMBEDDED_STORE_PORT: String(storePort),
      PORT: String(httpPort),
      HOST: '127.0.0.1',
      SENTINEL_DB_NAME: 'durable',
    };
    const health = `http://127.0.0.1:${httpPort}/api/health`;
    const started: EngineProcess[] = [];
    const start = async (): Promise<void> => {
      const engine = runEngine(env);
      started.push(engine);
      await waitForOk(health, 60_000, engine);
    };
    let connection: mongoose.Connection | undefined;
    try {
      // given
      await start();
      connection = await connectTo(
        `mongodb://127.0.0.1:${storePort}/?directConnection=true`,
        'crash-writer', // beside the engine's own database, which it keeps using meanwhile
      );
      const { entries } = modelsOn(connection);
      const writer = new AcknowledgedWriter(entries);
      writer.start();
      try {
        // when: the engine alone (its store sees stdin close and exits on its own) …
        await writer.waitForMore(30);
        const first = started[0]!;
        first.child.kill('SIGKILL');
        expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
        await start();
        // … then the engine and its store in the same instant, as a container kill does
        await writer.waitForMore(30);
        const second = started[1]!;
        const store = childPids(second.child.pid!);
        expect(store.length).toBeGreaterThan(0);
        second.child.kill('SIGKILL');
        for (const pid of store) process.kill(pid, 'SIGKILL');
        await second.exited;
        await Promise.all(store.map((pid) => waitUntilGone(pid)));
        await start();
        await writer.waitForMore(10);
      } finally {
        await writer.stop();
      }

      // then
      const found = await entries.countDocuments({ _id: { $in: writer.acknowledged } });
      expect(found).toBe(writer.acknowledged.length);
      expect(found).toBeGreaterThanOrEqual(70);
    } finally {
      await connection?.close();
      for (const engine of started) {
        if (engine.child.exitCode === null && engine.child.signalCode === null) {
          engine.child.kill('SIGTERM');
          await engine.exited;
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
