import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, freePort, runEngine, waitForOk, type EngineProcess } from './engine-process';
import { childPids, waitUntilGone } from '../support/store-durability';
import { afebrileVisit } from '../support/visit-report';

/**
 * SECURITY.md 2 as a user meets it: `npm start`'s engine (demo mode, embedded store) is killed with
 * SIGKILL — together with its store, as a container kill does — while a clinic keeps submitting.
 * Every report that got a 201 must be readable after the restart.
 */
const REPORT = afebrileVisit();

describe('durability of accepted reports under SIGKILL', () => {
  beforeAll(() => assertBuilt());

  it('given a clinic submitting reports, when the engine and its store are SIGKILLed twice and restarted, then every report answered 201 is still there', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sentinel-durable-reports-'));
    const httpPort = await freePort();
    const base = `http://127.0.0.1:${httpPort}/api`;
    const env = {
      SENTINEL_MODE: 'demo',
      SENTINEL_DATA_DIR: dataDir,
      PORT: String(httpPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    const started: EngineProcess[] = [];
    const accepted: string[] = [];
    let sequence = 0;

    const start = async (): Promise<string> => {
      const engine = runEngine(env);
      started.push(engine);
      await waitForOk(`${base}/health`, 90_000, engine);
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo-doctor', password: 'Sentinel@2026' }),
      });
      expect(login.status).toBe(200);
      return ((await login.json()) as { accessToken: string }).accessToken;
    };

    /** Submits until `count` more reports were accepted or the engine stops answering. */
    const submitWhileAlive = async (token: string, count: number, stop: { now: boolean }) => {
      let acceptedHere = 0;
      while (!stop.now && acceptedHere < count) {
        sequence += 1;
        try {
          const response = await fetch(`${base}/forms/patient-visit-report/submissions`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${token}`,
              'idempotency-key': `durability-${sequence}`,
            },
            body: JSON.stringify({ values: REPORT }),
          });
          if (response.status === 201) {
            accepted.push(((await response.json()) as { id: string }).id);
            acceptedHere += 1;
          }
        } catch {
          return; // the engine died mid-request: that report was never acknowledged
        }
      }
    };

    const killWithStore = async (engine: EngineProcess): Promise<void> => {
      const store = childPids(engine.child.pid!);
      engine.child.kill('SIGKILL');
      for (const pid of store) process.kill(pid, 'SIGKILL');
      await engine.exited;
      await Promise.all(store.map((pid) => waitUntilGone(pid)));
    };

    try {
      for (let round = 0; round < 2; round += 1) {
        // given: a clinic submitting continuously
        const token = await start();
        const stop = { now: false };
        const before = accepted.length;
        const submitting = submitWhileAlive(token, 1_000, stop);
        while (accepted.length < before + 8) await new Promise((r) => setTimeout(r, 20));
        // when: killed in the middle of the stream
        await killWithStore(started[started.length - 1]!);
        stop.now = true;
        await submitting;
      }

      // then: after a restart every acknowledged report is readable
      const token = await start();
      expect(accepted.length).toBeGreaterThanOrEqual(16);
      for (const id of accepted) {
        const read = await fetch(`${base}/submissions/${id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect({ id, status: read.status }).toEqual({ id, status: 200 });
      }
    } finally {
      for (const engine of started) {
        if (engine.child.exitCode === null && engine.child.signalCode === null) {
          engine.child.kill('SIGTERM');
          await engine.exited;
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
