import mongoose, { type mongo } from 'mongoose';
import { AUDIT_COLLECTION } from '../../../src/modules/audit/audit-chain';
import type { AuditEntryInput } from '../../../src/modules/audit/audit-log';
import { MongoAuditLog } from '../../../src/modules/audit/mongo-audit-log';
import { ambientSession, MongoUnitOfWork } from '../../../src/database';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const entry = (n: number): AuditEntryInput => ({
  action: n % 3 === 0 ? 'read-personal' : 'create',
  actor: `user-${n % 4}`,
  resource: 'submissions',
  resourceId: `doc-${n}`,
  details: { n, form: 'sentinel-visit' },
  ip: '10.0.0.1',
});

describe('audit log on the store (SECURITY.md 20)', () => {
  let database: TestDatabase;
  let rows: mongo.Collection;
  let sut: MongoAuditLog;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    rows = database.connection.collection(AUDIT_COLLECTION) as unknown as mongo.Collection;
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    await rows.drop().catch(() => undefined);
    // A fresh instance per test: it creates the indexes on the fresh collection.
    sut = new MongoAuditLog(database.connection);
    await sut.onModuleInit();
  });
  afterEach(() => sut.onModuleDestroy());

  async function appendSequentially(count: number): Promise<void> {
    for (let n = 1; n <= count; n += 1) await sut.append(entry(n));
  }

  it('given an empty log, when verified, then it is intact with 0 entries', async () => {
    await expect(sut.verify()).resolves.toMatchObject({ ok: true, entries: 0 });
  });

  it('given 50 appended entries, when verified, then the chain is intact with seqs 1..50 linked by prevHash', async () => {
    await appendSequentially(50);
    const stored = await rows.find({}).sort({ seq: 1 }).toArray();
    expect(stored.map((r) => r['seq'])).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (let i = 1; i < stored.length; i += 1) {
      expect(stored[i]?.['prevHash']).toBe(stored[i - 1]?.['hash']);
    }
    expect(stored[0]).toMatchObject({
      action: 'create',
      actor: 'user-1',
      outcome: 'success',
      ip: '10.0.0.1',
    });
    const result = await sut.verify();
    expect(result).toEqual({ ok: true, entries: 50, headHash: stored[49]?.['hash'] });
  });

  it("given 50 entries, when one row's details are edited in the database, then verification names that row", async () => {
    await appendSequentially(50);
    await rows.updateOne({ seq: 17 }, { $set: { 'details.form': 'forged' } });
    await expect(sut.verify()).resolves.toMatchObject({
      ok: false,
      entries: 16,
      firstBrokenSeq: 17,
      reason: expect.stringContaining('hash does not match'),
    });
  });

  it('given 50 entries, when a field is added to a row, then verification names that row', async () => {
    await appendSequentially(50);
    await rows.updateOne({ seq: 31 }, { $set: { note: 'harmless?' } });
    await expect(sut.verify()).resolves.toMatchObject({ ok: false, firstBrokenSeq: 31 });
  });

  it('given 50 entries, when a row is deleted, then verification names the gap', async () => {
    await appendSequentially(50);
    await rows.deleteOne({ seq: 23 });
    await expect(sut.verify()).resolves.toMatchObject({
      ok: false,
      entries: 22,
      firstBrokenSeq: 23,
      reason: 'entry 23 is missing (the next stored entry is 24)',
    });
  });

  it("given 50 entries, when a row is rewritten with a recomputed hash, then the next row's link names it", async () => {
    await appendSequentially(50);
    // A forger who knows the scheme can fix a row's own hash, but not every later link.
    const { chainHash } = await import('../../../src/modules/audit/audit-chain');
    const row = await rows.findOne({ seq: 40 }, { projection: { _id: 0 } });
    if (row === null) throw new Error('row 40 missing');
    const forged = { ...row, actor: 'someone-else' };
    await rows.updateOne(
      { seq: 40 },
      { $set: { actor: 'someone-else', hash: chainHash(String(row['prevHash']), forged) } },
    );
    await expect(sut.verify()).resolves.toMatchObject({
      ok: false,
      firstBrokenSeq: 41,
      reason: expect.stringContaining('prevHash'),
    });
  });

  it('given a concurrent burst of 30 appends, when they settle, then the chain is intact with seqs 1..30', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => sut.append(entry(i + 1))));
    const seqs = (await rows.find({}).sort({ seq: 1 }).toArray()).map((r) => r['seq']);
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await expect(sut.verify()).resolves.toMatchObject({ ok: true, entries: 30 });
  });

  it('given two engine instances on separate connections appending at once, when they settle, then one unforked chain of 30 remains', async () => {
    const second = await mongoose.createConnection(database.uri).asPromise();
    try {
      const other = new MongoAuditLog(second);
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? sut : other).append(entry(i + 1))),
      );
      const seqs = (await rows.find({}).sort({ seq: 1 }).toArray()).map((r) => r['seq']);
      expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      await expect(sut.verify()).resolves.toMatchObject({ ok: true, entries: 30 });
    } finally {
      await second.close();
    }
  });

  it('given a failed append (bad details), when more entries follow, then the queue goes on and the chain stays intact', async () => {
    await sut.append(entry(1));
    const bad = { ...entry(2), details: { nested: { x: 1 } } } as unknown as AuditEntryInput;
    await expect(sut.append(bad)).rejects.toThrow(TypeError);
    await sut.append(entry(3));
    await expect(sut.verify()).resolves.toMatchObject({ ok: true, entries: 2 });
  });

  it('given the indexes, when listed, then seq is unique and none expires rows (retention >= 180 days)', async () => {
    const indexes = await rows.listIndexes().toArray();
    expect(indexes.find((index) => index['name'] === 'seq_unique')).toMatchObject({
      key: { seq: 1 },
      unique: true,
    });
    expect(indexes.filter((index) => index['expireAfterSeconds'] !== undefined)).toEqual([]);
  });
  describe('entries written inside a transaction', () => {
    const intents = () => database.connection.collection('audit_intents');

    it('given an entry recorded in a committed transaction, when flushed, then it is chained once with the write', async () => {
      await new MongoUnitOfWork(database.connection).run(async () => {
        await database.connection
          .collection('reports')
          .insertOne({ n: 1 }, { session: ambientSession() });
        await sut.appendInTransaction(entry(1));
      });

      await sut.flush();
      await sut.flush();

      expect(await rows.countDocuments({ resourceId: 'doc-1' })).toBe(1);
      expect(await intents().countDocuments()).toBe(0);
      await expect(sut.verify()).resolves.toMatchObject({ ok: true, entries: 1 });
    });

    it('given an entry recorded in an aborted transaction, when flushed, then nothing is chained', async () => {
      await expect(
        new MongoUnitOfWork(database.connection).run(async () => {
          await sut.appendInTransaction(entry(2));
          throw new Error('a later write failed');
        }),
      ).rejects.toThrow('a later write failed');

      await sut.flush();

      expect(await rows.countDocuments()).toBe(0);
    });

    it('given an intent chained before a crash but not yet deleted, when another instance flushes, then it is not chained twice', async () => {
      await new MongoUnitOfWork(database.connection).run(() => sut.appendInTransaction(entry(3)));
      const [intent] = await intents().find().toArray();
      await sut.flush();
      await intents().insertOne(intent!); // as if the process died between chaining and deleting

      const restarted = new MongoAuditLog(database.connection);
      await restarted.onModuleInit(); // start-up chains what a crash left behind
      restarted.onModuleDestroy();

      expect(await rows.countDocuments({ resourceId: 'doc-3' })).toBe(1);
      expect(await intents().countDocuments()).toBe(0);
      await expect(sut.verify()).resolves.toMatchObject({ ok: true, entries: 1 });
    });
  });
});
