import { Schema, type Model } from 'mongoose';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { errorOf } from './store-errors';

interface Reporter {
  phone: string;
  site: string;
  role: string;
  name?: string;
}

const reporterSchema = new Schema<Reporter>({
  phone: { type: String, required: true, unique: true },
  site: { type: String, required: true },
  role: { type: String, required: true },
  name: String,
});
reporterSchema.index({ site: 1, role: 1 }, { unique: true });

describe('store contract: indexes, duplicate keys and bulk writes', () => {
  let db: TestDatabase;
  let sut: Model<Reporter>;

  beforeAll(async () => {
    db = await createTestDatabase(__filename);
    sut = db.connection.model<Reporter>('Reporter', reporterSchema);
    await sut.init();
  });
  afterAll(() => db.drop());
  beforeEach(() => sut.deleteMany({}));

  it('given the schema indexes, when listIndexes runs, then server-style names and options are reported', async () => {
    const indexes = await sut.listIndexes();
    const byName = Object.fromEntries(indexes.map((index) => [index['name'], index]));
    expect(Object.keys(byName).sort()).toEqual(['_id_', 'phone_1', 'site_1_role_1']);
    expect(byName['phone_1']).toMatchObject({ key: { phone: 1 }, unique: true });
    expect(byName['site_1_role_1']).toMatchObject({ key: { site: 1, role: 1 }, unique: true });
  });

  it('given an extra index in the collection, when syncIndexes runs, then it is dropped and schema indexes stay', async () => {
    await sut.collection.createIndex({ name: 1 });
    const dropped = await sut.syncIndexes();
    expect(dropped).toEqual(['name_1']);
    expect((await sut.listIndexes()).map((index) => index['name']).sort()).toEqual([
      '_id_',
      'phone_1',
      'site_1_role_1',
    ]);
  });

  it('given a unique phone, when a second document reuses it via create, then code 11000 names the key', async () => {
    await sut.create({ phone: '555', site: 'A', role: 'nurse' });
    const error = await errorOf(() => sut.create({ phone: '555', site: 'B', role: 'nurse' }));
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ phone: '555' });
    expect(error.message).toContain('index: phone_1 dup key: { phone: "555" }');
  });

  it('given a compound unique index, when the same pair is reused, then code 11000 and both key values', async () => {
    await sut.create({ phone: '1', site: 'A', role: 'nurse' });
    await sut.create({ phone: '2', site: 'A', role: 'doctor' });
    const error = await errorOf(() => sut.create({ phone: '3', site: 'A', role: 'nurse' }));
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ site: 'A', role: 'nurse' });
  });

  it('given a unique index, when findOneAndUpdate would collide, then code 11000 and nothing changes', async () => {
    await sut.create({ phone: '1', site: 'A', role: 'nurse' });
    await sut.create({ phone: '2', site: 'B', role: 'nurse' });
    const error = await errorOf(() =>
      sut.findOneAndUpdate({ phone: '2' }, { $set: { phone: '1' } }),
    );
    expect(error.code).toBe(11000);
    expect(await sut.countDocuments({ phone: '2' })).toBe(1);
  });

  it('given a unique index, when an upserting findOneAndUpdate would collide, then code 11000', async () => {
    await sut.create({ phone: '1', site: 'A', role: 'nurse' });
    const error = await errorOf(() =>
      sut.findOneAndUpdate(
        { phone: '9' },
        { $set: { site: 'A', role: 'nurse' } },
        { upsert: true },
      ),
    );
    expect(error.code).toBe(11000);
    expect(await sut.countDocuments()).toBe(1);
  });

  it('given an ordered bulkWrite with a duplicate in the middle, when it runs, then it stops at the error', async () => {
    await sut.create({ phone: '1', site: 'A', role: 'nurse' });
    const error = await errorOf(() =>
      sut.bulkWrite(
        [
          { insertOne: { document: { phone: '2', site: 'B', role: 'nurse' } } },
          { insertOne: { document: { phone: '1', site: 'C', role: 'nurse' } } },
          { updateOne: { filter: { phone: '1' }, update: { $set: { name: 'never' } } } },
        ],
        { ordered: true },
      ),
    );
    expect(error.code).toBe(11000);
    expect(await sut.countDocuments()).toBe(2);
    expect((await sut.findOne({ phone: '1' }).lean())?.name).toBeUndefined();
  });

  it('given an unordered bulkWrite with a duplicate, when it runs, then the other operations still apply', async () => {
    await sut.create({ phone: '1', site: 'A', role: 'nurse' });
    const error = await errorOf(() =>
      sut.bulkWrite(
        [
          { insertOne: { document: { phone: '1', site: 'C', role: 'nurse' } } },
          { insertOne: { document: { phone: '2', site: 'B', role: 'nurse' } } },
          { updateOne: { filter: { phone: '1' }, update: { $set: { name: 'kept' } } } },
          { deleteOne: { filter: { phone: '404' } } },
        ],
        { ordered: false },
      ),
    );
    expect(error.code).toBe(11000);
    expect(await sut.countDocuments()).toBe(2);
    expect((await sut.findOne({ phone: '1' }).lean())?.name).toBe('kept');
  });

  it('given a bulkWrite of mixed operations without errors, when it runs, then each kind is counted', async () => {
    await sut.create({ phone: '1', site: 'A', role: 'nurse' });
    const result = await sut.bulkWrite([
      { insertOne: { document: { phone: '2', site: 'B', role: 'nurse' } } },
      { updateOne: { filter: { phone: '1' }, update: { $set: { name: 'x' } } } },
      {
        updateOne: {
          filter: { phone: '3' },
          update: { $set: { site: 'C', role: 'r' } },
          upsert: true,
        },
      },
      {
        replaceOne: {
          filter: { phone: '2' },
          replacement: { phone: '2', site: 'B', role: 'doctor' },
        },
      },
      { deleteOne: { filter: { phone: '1' } } },
    ]);
    expect(result).toMatchObject({
      insertedCount: 1,
      matchedCount: 2,
      modifiedCount: 2,
      upsertedCount: 1,
      deletedCount: 1,
    });
    expect((await sut.find().sort({ phone: 1 }).lean()).map((r) => `${r.phone}:${r.role}`)).toEqual(
      ['2:doctor', '3:r'],
    );
  });
});
