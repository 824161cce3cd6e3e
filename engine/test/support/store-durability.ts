import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedStore, type EmbeddedStore } from '../../src/database/embedded-store';
import { withDatabaseName } from './test-database';

/** The bridge launched through the engine's launcher, plus what a crash test needs to kill it. */
export interface RunningBridge {
  readonly store: EmbeddedStore;
  readonly port: number;
  /** The bridge process itself (from its "listening … as pid N" line), for SIGKILL. */
  readonly pid: number;
  /** Every line the bridge logged so far. */
  readonly lines: string[];
}

/**
 * Starts the mongomock bridge on `dataDir` through `startEmbeddedStore` (never a real mongod:
 * these tests are about the bridge's journal). `port` 0 = any; pass the previous port on restart
 * so connected clients find the store again.
 */
export async function startBridge(
  dataDir: string,
  port = 0,
  snapshotIntervalMs?: number,
): Promise<RunningBridge> {
  const lines: string[] = [];
  const store = await startEmbeddedStore({
    dataDir,
    port,
    snapshotIntervalMs,
    mongodBinary: '',
    log: (line) => lines.push(line),
  });
  const pid = /listening on 127\.0\.0\.1:\d+ as pid (\d+)/.exec(lines.join('\n'))?.[1];
  const boundPort = /127\.0\.0\.1:(\d+)/.exec(store.uri)?.[1];
  if (store.kind !== 'mongomock-bridge' || !pid || !boundPort) {
    await store.stop();
    throw new Error(`expected the bridge with a pid in its log; got:\n${lines.join('\n')}`);
  }
  return { store, port: Number(boundPort), pid: Number(pid), lines };
}

/** SIGKILL (no snapshot, no cleanup of any kind), then wait until the process is gone. */
export async function killHard(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  await waitUntilGone(pid);
}

/** Resolves once `pid` no longer exists (a parent in this process reaps it meanwhile). */
export async function waitUntilGone(pid: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return;
    await sleep(20);
  }
  throw new Error(`process ${pid} still exists ${timeoutMs} ms after SIGKILL`);
}

function isAlive(pid: number): boolean {
  try {
    // a killed child that is not reaped yet is a zombie: gone for our purposes
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Direct children of `pid`, read from /proc (Linux): the engine's store process. */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …"; comm may hold spaces and parentheses, so split after the last ')'
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // the process exited while we looked
    }
  }
  return children;
}

function newestSegment(dataDir: string): string {
  const segments = readdirSync(dataDir)
    .filter((name) => /^journal-\d{20}\.jsonl$/.test(name))
    .sort();
  const newest = segments[segments.length - 1];
  if (!newest)
    throw new Error(`no journal segment in ${dataDir}: ${readdirSync(dataDir).join(', ')}`);
  return join(dataDir, newest);
}

/** Appends half a journal record to the newest segment, as a crash in the middle of a write leaves it. */
export function appendTornRecord(dataDir: string): string {
  const path = newestSegment(dataDir);
  appendFileSync(path, '0badc0de {"seq": {"$numberInt": "999999"}, "ops": [{"db": "durable", "co');
  return path;
}

/** Flips one byte inside the first record of the newest segment: damage no crash can cause. */
export function damageFirstRecord(dataDir: string): string {
  const path = newestSegment(dataDir);
  const content = readFileSync(path);
  const inBody = content.indexOf('"ops"');
  if (inBody < 0 || inBody > content.indexOf('\n')) throw new Error(`unexpected journal: ${path}`);
  content[inBody + 1] = 0x4f; // "ops" → "Ops": still a line, but its checksum no longer matches
  writeFileSync(path, content);
  return path;
}

export interface WriterEntry {
  _id: mongoose.Types.ObjectId;
  sequence: number;
}

export const writerEntrySchema = new mongoose.Schema<WriterEntry>({ sequence: Number });

/**
 * A client that keeps inserting numbered documents one at a time and remembers which inserts
 * were acknowledged, riding out store restarts (errors are counted, then it carries on).
 */
export class AcknowledgedWriter {
  readonly acknowledged: mongoose.Types.ObjectId[] = [];
  failures = 0;
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private next = 0;

  constructor(private readonly entries: mongoose.Model<WriterEntry>) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Resolves once `count` more inserts than now have been acknowledged. */
  async waitForMore(count: number, timeoutMs = 30_000): Promise<void> {
    const target = this.acknowledged.length + count;
    const deadline = Date.now() + timeoutMs;
    while (this.acknowledged.length < target) {
      if (Date.now() > deadline) {
        throw new Error(`only ${this.acknowledged.length}/${target} inserts acknowledged`);
      }
      await sleep(20);
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      const _id = new mongoose.Types.ObjectId();
      const sequence = this.next++;
      try {
        await this.entries.create({ _id, sequence });
        this.acknowledged.push(_id);
      } catch {
        this.failures += 1; // the store is down or restarting: not acknowledged, not expected
        await sleep(50);
      }
    }
  }
}

/** A mongoose connection to one database of the store, with timeouts sized for restarts. */
export function connectTo(storeUri: string, database: string): Promise<mongoose.Connection> {
  return mongoose
    .createConnection(withDatabaseName(storeUri, database), {
      serverSelectionTimeoutMS: 15_000,
      heartbeatFrequencyMS: 500,
    })
    .asPromise();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
