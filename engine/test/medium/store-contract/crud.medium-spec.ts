import { Types, Schema, type Model } from 'mongoose';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

interface Report {
  site: string;
  cases: number;
  week: number;
  tags: string[];
  note?: string;
  address?: { district: string; village: string };
  samples?: { kind: string; positive: boolean }[];
}

const reportSchema = new Schema<Report>({
  site: { type: String, required: true },
  cases: { type: Number, default: 0 },
  week: Number,
  tags: [String],
  note: String,
  address: { district: String, village: String },
  samples: [{ _id: false, kind: String, positive: Boolean }],
});

describe('store contract: CRUD and queries through mongoose', () => {
  let db: TestDatabase;
  let sut: Model<Report>;

  beforeAll(async () => {
    db = await createTestDatabase(__filename);
    sut = db.connection.model<Report>('Report', reportSchema);
  });
  afterAll(() => db.drop());
  beforeEach(() => sut.deleteMany({}));

  const seed = (): Promise<unknown> =>
    sut.insertMany([
      { site: 'A', cases: 5, week: 1, tags: ['flu'], address: { district: 'north', village: 'x' } },
      {
        site: 'B',
        cases: 2,
        week: 2,
        tags: ['flu', 'ili'],
        address: { district: 'south', village: 'y' },
      },
      { site: 'C', cases: 9, week: 3, tags: [], samples: [{ kind: 'swab', positive: true }] },
      {
        site: 'D',
        cases: 0,
        week: 4,
        tags: ['sari'],
        note: 'late',
        samples: [{ kind: 'swab', positive: false }],
      },
    ]);

  it('given a created document, when found by id, then every field round-trips', async () => {
    const created = await sut.create({ site: 'A', cases: 3, week: 7, tags: ['flu'] });
    const found = await sut.findById(created._id).lean();
    expect(found).toMatchObject({ site: 'A', cases: 3, week: 7, tags: ['flu'] });
    expect(found?._id.equals(created._id)).toBe(true);
  });

  it('given documents, when queried with projection, sort, skip and limit, then the right slice comes back', async () => {
    await seed();
    const rows = await sut
      .find({}, { site: 1, cases: 1, _id: 0 })
      .sort({ cases: -1 })
      .skip(1)
      .limit(2)
      .lean();
    expect(rows).toEqual([
      { site: 'A', cases: 5 },
      { site: 'B', cases: 2 },
    ]);
  });

  it('given documents, when deleteOne and deleteMany run, then the counts and survivors are exact', async () => {
    await seed();
    expect((await sut.deleteOne({ tags: 'flu' })).deletedCount).toBe(1);
    expect((await sut.deleteMany({ cases: { $lt: 5 } })).deletedCount).toBe(2);
    expect((await sut.find().lean()).map((r) => r.site)).toEqual(['C']);
  });

  it('given a document, when $set, $inc and $unset apply, then the fields change accordingly', async () => {
    const { _id } = await sut.create({ site: 'A', cases: 1, week: 1, note: 'x' });
    const result = await sut.updateOne(
      { _id },
      { $set: { week: 2 }, $inc: { cases: 4 }, $unset: { note: 1 } },
    );
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    const after = await sut.findById(_id).lean();
    expect(after).toMatchObject({ week: 2, cases: 5 });
    expect(after).not.toHaveProperty('note');
  });

  it('given an array field, when $push, $addToSet and $pull apply, then the array is edited in place', async () => {
    const { _id } = await sut.create({ site: 'A', tags: ['flu'] });
    await sut.updateOne({ _id }, { $push: { tags: 'ili' } });
    await sut.updateOne({ _id }, { $addToSet: { tags: 'ili' } });
    await sut.updateOne({ _id }, { $addToSet: { tags: 'sari' } });
    await sut.updateOne({ _id }, { $pull: { tags: 'flu' } });
    expect((await sut.findById(_id).lean())?.tags).toEqual(['ili', 'sari']);
  });

  it('given updateMany, when several documents match, then matched and modified counts are reported', async () => {
    await seed();
    const result = await sut.updateMany({ week: { $lte: 2 } }, { $set: { note: 'early' } });
    expect(result).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect(await sut.countDocuments({ note: 'early' })).toBe(2);
  });

  it('given no match, when updateOne upserts, then the new document carries filter and update fields', async () => {
    const result = await sut.updateOne({ site: 'Z' }, { $set: { cases: 7 } }, { upsert: true });
    expect(result.upsertedCount).toBe(1);
    const created = await sut.findById(result.upsertedId).lean();
    expect(created).toMatchObject({ site: 'Z', cases: 7 });
  });

  it('given no match, when findOneAndUpdate upserts with returnDocument after, then the new document is returned', async () => {
    const after = await sut
      .findOneAndUpdate(
        { site: 'Q' },
        { $inc: { cases: 2 } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean();
    expect(after).toMatchObject({ site: 'Q', cases: 2 });
    const again = await sut
      .findOneAndUpdate({ site: 'Q' }, { $inc: { cases: 3 } }, { returnDocument: 'before' })
      .lean();
    expect(again?.cases).toBe(2);
    expect((await sut.findOne({ site: 'Q' }).lean())?.cases).toBe(5);
  });

  it('given findOneAndDelete with a sort, when it runs, then the first by that sort is removed and returned', async () => {
    await seed();
    const removed = await sut.findOneAndDelete({}, { sort: { cases: -1 } }).lean();
    expect(removed?.site).toBe('C');
    expect(await sut.countDocuments()).toBe(3);
  });

  it('given documents, when distinct runs with a filter, then unique values come back', async () => {
    await seed();
    expect((await sut.distinct('tags', { week: { $lte: 2 } })).sort()).toEqual(['flu', 'ili']);
  });

  it('given documents, when countDocuments filters and estimatedDocumentCount runs, then both count right', async () => {
    await seed();
    expect(await sut.countDocuments({ cases: { $gte: 2 } })).toBe(3);
    expect(await sut.estimatedDocumentCount()).toBe(4);
  });

  it('given documents, when queried with $in, $elemMatch, $regex, $exists and dotted paths, then each matches exactly', async () => {
    await seed();
    const sites = async (filter: object): Promise<string[]> =>
      (await sut.find(filter).sort({ site: 1 }).lean()).map((r) => r.site);
    expect(await sites({ site: { $in: ['A', 'D', 'X'] } })).toEqual(['A', 'D']);
    expect(await sites({ samples: { $elemMatch: { kind: 'swab', positive: true } } })).toEqual([
      'C',
    ]);
    expect(await sites({ site: { $regex: /^[ab]$/i } })).toEqual(['A', 'B']);
    expect(await sites({ note: { $exists: true } })).toEqual(['D']);
    expect(await sites({ 'address.district': 'south' })).toEqual(['B']);
  });

  it('given Date, ObjectId and nested arrays, when stored and read back, then the types survive', async () => {
    const loose = db.connection.collection('roundtrip');
    const when = new Date('2024-03-01T12:34:56.789Z');
    const ref = new Types.ObjectId();
    await loose.insertOne({
      _id: new Types.ObjectId(),
      when,
      ref,
      grid: [
        [1, 2],
        [3, [4, { deep: true }]],
      ],
    });
    const back = await loose.findOne({ ref });
    expect(back?.['when']).toBeInstanceOf(Date);
    expect((back?.['when'] as Date).toISOString()).toBe(when.toISOString());
    expect(back?.['ref']).toBeInstanceOf(Types.ObjectId);
    expect(String(back?.['ref'])).toBe(String(ref));
    expect(back?.['grid']).toEqual([
      [1, 2],
      [3, [4, { deep: true }]],
    ]);
  });
});
