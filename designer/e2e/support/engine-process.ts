import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../..');
const MAIN_JS = join(REPO_ROOT, 'engine/dist/main.js');
const DESIGNER_INDEX = join(REPO_ROOT, 'designer/dist/index.html');

/** A real engine (`node engine/dist/main.js`, demo mode) serving the built designer at `/`. */
export interface RunningEngine {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts the engine as `npm start` does, on a free port, with its own throw-away data directory
 * (demo accounts and content seeded), and waits until it answers. Only PATH and HOME are passed
 * on, so no variable of the test run reaches the engine's unknown-variable check.
 */
export async function startEngine(): Promise<RunningEngine> {
  for (const file of [MAIN_JS, DESIGNER_INDEX])
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'designer-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [MAIN_JS], {
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: process.env['HOME'] ?? '/tmp',
      PORT: String(port),
      HOST: '127.0.0.1',
      SENTINEL_MODE: 'demo',
      SENTINEL_DATA_DIR: dataDir,
      SENTINEL_STATIC_ROOT: REPO_ROOT,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`engine exited early:\n${stderr}`);
    }
    try {
      const health = await fetch(`${baseUrl}/api/health`);
      const forms = await fetch(`${baseUrl}/api/forms`);
      if (health.status === 200 && forms.status === 200) return { baseUrl, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`engine did not answer within 90 s:\n${stderr}`);
}
