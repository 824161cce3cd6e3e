import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { Schema } from 'mongoose';
import { startEmbeddedStore } from '../../../src/database/embedded-store';
import {
  createTestDatabase,
  isMongomockBridge,
  withDatabaseName,
  type TestDatabase,
} from '../../support/test-database';

describe('store contract: refusals of the embedded bridge', () => {
  let db: TestDatabase;
  let bridge: boolean;

  beforeAll(async () => {
    db = await createTestDatabase(__filename);
    bridge = await isMongomockBridge(db.connection);
  });
  afterAll(() => db.drop());

  it('given an update with arrayFilters, when sent to the bridge, then it is refused with a clear error', async () => {
    if (!bridge) return; // a real MongoDB supports arrayFilters
    const collection = db.connection.collection('grades');
    await collection.insertOne({ scores: [1, 5, 9] });
    const attempt = collection.updateOne(
      {},
      { $set: { 'scores.$[high]': 0 } },
      { arrayFilters: [{ high: { $gte: 5 } }] },
    );
    await expect(attempt).rejects.toMatchObject({
      code: 115,
      message: expect.stringContaining('does not support arrayFilters'),
    });
    expect((await collection.findOne({}))?.['scores']).toEqual([1, 5, 9]);
  });

  it('given a $where filter, when sent to the bridge, then it is refused rather than ignored', async () => {
    if (!bridge) return; // server-side JavaScript is a real-server feature
    await expect(
      db.connection.collection('grades').find({ $where: 'true' }).toArray(),
    ).rejects.toMatchObject({
      code: 115,
      message: expect.stringContaining('point MONGODB_URI at a real MongoDB replica set'),
    });
  });
});

const realMongo = Boolean(process.env['MONGODB_URI']);

(realMongo ? describe.skip : describe)('store contract: persistence of the embedded bridge', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sentinel-store-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('given documents and a unique index, when the store restarts on the same dataDir, then both are still there', async () => {
    const schema = new Schema({ code: { type: String, unique: true }, at: Date });
    const at = new Date('2024-05-06T07:08:09.010Z');
    const first = await startEmbeddedStore({ dataDir, log: () => undefined });
    const writer = await mongoose
      .createConnection(withDatabaseName(first.uri, 'persisted'))
      .asPromise();
    const Sites = writer.model('Site', schema);
    await Sites.init();
    await Sites.create([
      { code: 'A', at },
      { code: 'B', at },
    ]);
    await writer.close();
    await first.stop();

    const second = await startEmbeddedStore({ dataDir, log: () => undefined });
    const reader = await mongoose
      .createConnection(withDatabaseName(second.uri, 'persisted'))
      .asPromise();
    try {
      const Again = reader.model('Site', schema);
      const codes = (await Again.find().sort({ code: 1 }).lean()).map(
        (s) => `${s.code}@${s.at?.toISOString()}`,
      );
      expect(codes).toEqual([`A@${at.toISOString()}`, `B@${at.toISOString()}`]);
      expect((await Again.listIndexes()).map((index) => index['name']).sort()).toEqual([
        '_id_',
        'code_1',
      ]);
      await expect(Again.create({ code: 'A' })).rejects.toMatchObject({ code: 11000 });
    } finally {
      await reader.close();
      await second.stop();
    }
  });
});
