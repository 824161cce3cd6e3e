import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** The built entry point, as `npm start` runs it. */
export const MAIN_JS = resolve(__dirname, '../../dist/main.js');

export function assertBuilt(): void {
  if (!existsSync(MAIN_JS)) {
    throw new Error(
      `${MAIN_JS} is missing: run \`npm run build\` (root or engine) before the process tests`,
    );
  }
}

export interface EngineProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal) and how long the process ran. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

/**
 * Runs `node dist/main.js` with ONLY the given variables (plus PATH and HOME), so the
 * SENTINEL_TEST_* variables of the test run cannot reach the engine's unknown-variable check.
 */
export function runEngine(env: Record<string, string>): EngineProcess {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [MAIN_JS], {
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: process.env['HOME'] ?? '/tmp',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>(
    (resolveExit) => {
      child.on('exit', (code, signal) => resolveExit({ code, signal, ms: Date.now() - startedAt }));
    },
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** A port free right now (the OS picks it), for servers that need a fixed one. */
export async function freePort(): Promise<number> {
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

/** Polls GET url until it answers 200, or fails after timeoutMs. */
export async function waitForOk(
  url: string,
  timeoutMs: number,
  engine: EngineProcess,
): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (engine.child.exitCode !== null) throw new Error(`engine exited early: ${engine.stderr()}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return await response.json();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `no 200 from ${url} within ${timeoutMs} ms; stdout:\n${engine.stdout()}\nstderr:\n${engine.stderr()}`,
  );
}
