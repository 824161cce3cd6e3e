import { Types } from 'mongoose';
import { runReencryptFields } from '../../../src/cli/reencrypt-fields';
import { Sm4FieldCipher } from '../../../src/crypto/field-cipher';
import { AUDIT_COLLECTION } from '../../../src/modules/audit/audit-chain';
import { MongoAuditLog } from '../../../src/modules/audit/mongo-audit-log';
import { createTestDatabase, testStoreUri, type TestDatabase } from '../../support/test-database';

const K1 = 'k1:' + '11'.repeat(32);
const K2 = 'k2:' + '22'.repeat(32);

describe('reencrypt-fields command line', () => {
  let database: TestDatabase;
  let baseEnv: Record<string, string>;

  async function run(argv: string[], keys: string) {
    const out: string[] = [];
    const err: string[] = [];
    const env = { ...baseEnv, SENTINEL_FIELD_KEYS: keys };
    const code = await runReencryptFields(
      argv,
      env,
      (l) => out.push(l),
      (l) => err.push(l),
    );
    return { code, out, err };
  }

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    baseEnv = {
      SENTINEL_MODE: 'test',
      MONGODB_URI: testStoreUri(),
      SENTINEL_DB_NAME: database.name,
    };
    const old = new Sm4FieldCipher([{ kid: 'k1', secret: Buffer.alloc(32, 0x11) }]);
    const documents = [new Types.ObjectId(), new Types.ObjectId()].map((_id) => ({
      _id,
      values: {
        phone: old.encrypt('13412345678', {
          collection: 'patients',
          documentId: String(_id),
          field: '/values/phone',
        }),
      },
    }));
    await database.connection.collection('patients').insertMany(documents);
  });
  afterAll(() => database.drop());

  it('given no collection or a bad name, when run, then usage on stderr and exit 2', async () => {
    expect((await run([], K1)).code).toBe(2);
    const bad = await run(['system.users'], K1);
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toContain('not a collection name');
  });

  it('given keys rotated to k2,k1, when run on patients, then both values move to k2, exit 0 and the run is audited', async () => {
    const { code, out } = await run(['patients'], `${K2},${K1}`);
    expect(code).toBe(0);
    expect(out).toEqual([
      'patients: 2 documents scanned, 2 values re-encrypted with key k2, 0 refused, 0 skipped',
    ]);
    const kids = (await database.connection.collection('patients').find({}).toArray()).map(
      (d) => (d['values'] as { phone: { kid: string } }).phone.kid,
    );
    expect(kids).toEqual(['k2', 'k2']);
    const audit = await database.connection.collection(AUDIT_COLLECTION).find({}).toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'update',
      actor: 'system',
      resource: 'patients',
      details: { job: 'reencrypt-fields', activeKeyId: 'k2', reencrypted: 2, tampered: 0 },
    });
    await expect(new MongoAuditLog(database.connection).verify()).resolves.toMatchObject({
      ok: true,
    });
  });

  it('given a value under a key no longer configured, when run, then it is refused, audited as tamper-detected, and exit 3', async () => {
    const { code, err } = await run(['patients'], 'k3:' + '33'.repeat(32));
    expect(code).toBe(3);
    expect(err.filter((line) => line.startsWith('refused: patients/'))).toHaveLength(2);
    expect(err.at(-1)).toContain('keep the old key configured');
    const detected = await database.connection
      .collection(AUDIT_COLLECTION)
      .find({ action: 'tamper-detected' })
      .toArray();
    expect(detected).toHaveLength(2);
    expect(detected[0]).toMatchObject({
      resource: 'patients',
      outcome: 'failure',
      details: { field: '/values/phone', reason: 'unknown-key', job: 'reencrypt-fields' },
    });
  });
});
