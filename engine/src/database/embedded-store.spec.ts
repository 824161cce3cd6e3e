import { existsSync } from 'node:fs';
import { startEmbeddedStore } from './embedded-store';
import { BRIDGE_SCRIPT } from './embedded-store.bridge';

describe('startEmbeddedStore', () => {
  it('given the source layout, when the bridge path is resolved from __dirname, then the script exists', () => {
    expect(existsSync(BRIDGE_SCRIPT)).toBe(true);
  });

  it('given a python interpreter that does not exist, when starting, then the error says so plainly', async () => {
    const lines: string[] = [];
    const start = startEmbeddedStore({
      python: '/nonexistent/python3',
      mongodBinary: '',
      log: (l) => lines.push(l),
    });
    await expect(start).rejects.toThrow('/nonexistent/python3 not found');
  });

  it('given MONGOMS_SYSTEM_BINARY pointing nowhere, when starting, then it logs the fallback to the bridge', async () => {
    const lines: string[] = [];
    const start = startEmbeddedStore({
      mongodBinary: '/nonexistent/mongod',
      python: '/nonexistent/python3',
      log: (l) => lines.push(l),
    });
    await expect(start).rejects.toThrow('not found');
    expect(lines[0]).toContain(
      '/nonexistent/mongod does not exist; falling back to the mongomock bridge',
    );
  });
});
