import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { EmbeddedStore, EmbeddedStoreOptions } from './embedded-store.types';

/** Same depth from src/database and dist/database, so both find engine/store-bridge. */
export const BRIDGE_SCRIPT = resolve(__dirname, '../../store-bridge/mongo_wire_bridge.py');
const DEBIAN_PYTHON = '/usr/bin/python3';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;
const MISSING_MONGOMOCK =
  'python3-mongomock is not installed: apt-get install python3-mongomock python3-pymongo';
const REAL_MONGODB_ADVICE =
  'set MONGODB_URI to a real MongoDB replica set (e.g. mongodb://host:27017/?replicaSet=rs0) for anything but development';

type BridgeOptions = EmbeddedStoreOptions & { readonly log: (line: string) => void };

/** Starts the mongomock wire-protocol bridge (engine/store-bridge) as a child process. */
export async function startMongomockBridge(options: BridgeOptions): Promise<EmbeddedStore> {
  const python = options.python ?? (existsSync(DEBIAN_PYTHON) ? DEBIAN_PYTHON : 'python3');
  const args = [BRIDGE_SCRIPT, String(options.port ?? 0)];
  if (options.dataDir) {
    args.push('--data-dir', options.dataDir);
    args.push('--snapshot-interval', String((options.snapshotIntervalMs ?? 30_000) / 1000));
  }
  // stdin stays open: when this process dies the bridge sees EOF and exits, leaving no orphan.
  const child = spawn(python, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderrTail: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
    options.log(line);
  });
  const port = await waitForListening(child, python, stderrTail);
  const uri = `mongodb://127.0.0.1:${port}/?directConnection=true`;
  options.log(
    `embedded store: mongomock bridge at ${uri}. This is a DEVELOPMENT store (mongomock: in memory` +
      `${options.dataDir ? ` with a journal and snapshots in ${options.dataDir}` : ''}, one global lock, no transaction ` +
      `isolation, some operators refused); not for production: ${REAL_MONGODB_ADVICE}.`,
  );
  return { uri, kind: 'mongomock-bridge', stop: () => stopChild(child) };
}

function waitForListening(
  child: ChildProcessWithoutNullStreams,
  python: string,
  stderrTail: readonly string[],
): Promise<number> {
  return new Promise<number>((resolvePort, reject) => {
    const fail = (message: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(message));
    };
    const timer = setTimeout(
      () =>
        fail(
          `the store bridge did not print LISTENING within ${START_TIMEOUT_MS} ms:\n${stderrTail.join('\n')}`,
        ),
      START_TIMEOUT_MS,
    );
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT'
          ? `cannot start the store bridge: ${python} not found (install python3, or ${REAL_MONGODB_ADVICE})`
          : `cannot start the store bridge: ${error.message}`,
      ),
    );
    // 'close', not 'exit': it comes after stderr is drained, so the reason is in the message
    child.once('close', (code) => {
      const output = stderrTail.join('\n');
      const missing = /No module named '(mongomock|bson|pymongo)/.test(output);
      fail(
        missing
          ? MISSING_MONGOMOCK
          : `the store bridge exited with code ${code} before listening:\n${output}`,
      );
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^LISTENING (\d+)$/.exec(line.trim());
      if (match?.[1]) {
        clearTimeout(timer);
        child.removeAllListeners('close');
        resolvePort(Number(match[1]));
      }
    });
  });
}

/** SIGTERM lets the bridge write its final snapshot; SIGKILL if it does not exit in time. */
function stopChild(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}
