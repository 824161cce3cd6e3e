import { runAuditVerify } from '../../../src/cli/audit-verify';
import { AUDIT_COLLECTION } from '../../../src/modules/audit/audit-chain';
import { MongoAuditLog } from '../../../src/modules/audit/mongo-audit-log';
import { createTestDatabase, testStoreUri, type TestDatabase } from '../../support/test-database';

describe('audit-verify command line', () => {
  let database: TestDatabase;
  let env: Record<string, string>;

  async function run(): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAuditVerify(
      env,
      (l) => out.push(l),
      (l) => err.push(l),
    );
    return { code, out, err };
  }

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    env = { SENTINEL_MODE: 'test', MONGODB_URI: testStoreUri(), SENTINEL_DB_NAME: database.name };
    const log = new MongoAuditLog(database.connection);
    for (let n = 1; n <= 5; n += 1) {
      await log.append({ action: 'publish', actor: 'system', resource: 'forms', details: { n } });
    }
  });
  afterAll(() => database.drop());

  it('given an intact chain of 5, when run, then it prints "audit chain intact: 5 entries" and exits 0', async () => {
    const { code, out } = await run();
    expect(code).toBe(0);
    expect(out[0]).toBe('audit chain intact: 5 entries');
    expect(out[1]).toMatch(/^head hash: [0-9a-f]{64} /);
  });

  it('given row 3 edited, when run, then it prints "audit chain broken at seq 3: …" and exits 2', async () => {
    await database.connection
      .collection(AUDIT_COLLECTION)
      .updateOne({ seq: 3 }, { $set: { actor: 'intruder' } });
    const { code, out } = await run();
    expect(code).toBe(2);
    expect(out).toEqual(['audit chain broken at seq 3: hash does not match the entry content']);
  });

  it('given an invalid configuration, when run, then it names the variable on stderr and exits 1', async () => {
    env = { ...env, SENTINEL_MODE: 'staging' };
    const { code, out, err } = await run();
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(/^audit-verify: .*SENTINEL_MODE/);
  });
});
