import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { BootError } from '../../src/boot-error';
import { preflightDatabase } from '../../src/database/database-preflight';
import { testStoreUri } from '../support/test-database';
import { assertBuilt, freePort, runEngine, waitForOk } from './engine-process';

/** Each refusal must be one line on stderr, naming the problem. */
function onlyLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('engine process (node dist/main.js)', () => {
  beforeAll(() => assertBuilt());

  it('given PORT=abc, when started, then exit 1 within 10 s with one line naming PORT', async () => {
    const sut = runEngine({ PORT: 'abc' });

    const { code, ms } = await sut.exited;

    expect(code).toBe(1);
    expect(ms).toBeLessThan(10_000);
    expect(onlyLine(sut.stderr())).toBe(
      'sentinel: cannot start: PORT: must be an integer from 0 to 65535 (got "abc")',
    );
  });

  it('given an unknown SENTINEL_ variable, when started, then exit 1 naming it', async () => {
    const sut = runEngine({ SENTINEL_DATADIR: '/tmp/x' });

    expect((await sut.exited).code).toBe(1);
    expect(onlyLine(sut.stderr())).toMatch(
      /^sentinel: cannot start: SENTINEL_DATADIR: unknown variable/,
    );
  });

  it('given an unreachable MONGODB_URI, when started, then exit 1 within 10 s with one line', async () => {
    const sut = runEngine({
      MONGODB_URI: 'mongodb://127.0.0.1:1/x',
      SENTINEL_DB_TIMEOUT_MS: '2000',
    });

    const { code, ms } = await sut.exited;

    expect(code).toBe(1);
    expect(ms).toBeLessThan(10_000);
    expect(onlyLine(sut.stderr())).toMatch(
      /^sentinel: cannot start: MONGODB_URI: cannot reach mongodb:\/\/127\.0\.0\.1:1\/x within 2000 ms/,
    );
  });

  it('given production mode and a URI without TLS, when started, then it refuses naming TLS', async () => {
    const sut = runEngine({
      SENTINEL_MODE: 'production',
      MONGODB_URI: 'mongodb://db.example:27017/sentinel',
    });

    expect((await sut.exited).code).toBe(1);
    expect(onlyLine(sut.stderr())).toMatch(
      /^sentinel: cannot start: MONGODB_URI: production mode needs TLS/,
    );
  });

  it('given production mode and a standalone server, when checked at boot, then refused for lacking a replica set', async () => {
    const uri = testStoreUri();
    const hello = await mongoose.createConnection(uri).asPromise();
    const setName = (await hello.getClient().db('admin').command({ hello: 1 }))['setName'];
    await hello.close();

    const check = preflightDatabase(uri, { mode: 'production', timeoutMs: 3000 });

    if (typeof setName === 'string') await expect(check).resolves.toBeUndefined();
    else
      await expect(check).rejects.toThrow(
        new BootError(
          'MONGODB_URI',
          `${uri} is a standalone server; production needs a replica set member (hello has no setName)`,
        ),
      );
  });

  it('given a data dir and a fixed store port, when a document is written, SIGTERM sent and the engine restarted, then the document is still there', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sentinel-restart-'));
    const storePort = await freePort();
    const httpPort = await freePort();
    const env = {
      SENTINEL_DATA_DIR: dataDir,
      SENTINEL_EMBEDDED_STORE_PORT: String(storePort),
      PORT: String(httpPort),
      HOST: '127.0.0.1',
      SENTINEL_DB_NAME: 'restart',
    };
    const storeUri = `mongodb://127.0.0.1:${storePort}/restart?directConnection=true`;
    try {
      // given: a running engine and a document written straight to its store
      const first = runEngine(env);
      const health = await waitForOk(`http://127.0.0.1:${httpPort}/api/health`, 60_000, first);
      expect(health).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
      const kind = (health as { info: { database: { kind: string } } }).info.database.kind;
      expect(['mongod', 'mongomock-bridge']).toContain(kind);
      const writer = await mongoose.createConnection(storeUri).asPromise();
      await writer.collection('notes').insertOne({ key: 'survives', value: '哨点' });
      await writer.close();

      // when: SIGTERM, then a second start on the same data dir
      first.child.kill('SIGTERM');
      expect(await first.exited).toMatchObject({ code: 0, signal: null });
      const second = runEngine(env);
      await waitForOk(`http://127.0.0.1:${httpPort}/api/health`, 60_000, second);

      // then
      const reader = await mongoose.createConnection(storeUri).asPromise();
      const found = await reader
        .collection('notes')
        .findOne({ key: 'survives' }, { projection: { _id: 0 } });
      await reader.close();
      second.child.kill('SIGTERM');
      expect(await second.exited).toMatchObject({ code: 0 });
      expect(found).toEqual({ key: 'survives', value: '哨点' });
      expect(first.stderr()).toBe('');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
