import { Schema, Types, type Model } from 'mongoose';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

interface Site {
  code: string;
  district: string;
}
interface Case {
  site: string;
  week: number;
  count: number;
  symptoms: string[];
}

describe('store contract: aggregation and cursors', () => {
  let db: TestDatabase;
  let sites: Model<Site>;
  let sut: Model<Case>;

  beforeAll(async () => {
    db = await createTestDatabase(__filename);
    sites = db.connection.model<Site>('Site', new Schema<Site>({ code: String, district: String }));
    sut = db.connection.model<Case>(
      'Case',
      new Schema<Case>({ site: String, week: Number, count: Number, symptoms: [String] }),
    );
    await sites.insertMany([
      { code: 'A', district: 'north' },
      { code: 'B', district: 'south' },
    ]);
    await sut.insertMany([
      { site: 'A', week: 1, count: 3, symptoms: ['fever', 'cough'] },
      { site: 'A', week: 2, count: 4, symptoms: ['fever'] },
      { site: 'B', week: 1, count: 10, symptoms: ['rash'] },
      { site: 'B', week: 2, count: 1, symptoms: [] },
    ]);
  });
  afterAll(() => db.drop());

  it('given cases, when $match, $group and $sort run, then totals per site come back in order', async () => {
    const rows = await sut.aggregate([
      { $match: { week: { $gte: 1 } } },
      { $group: { _id: '$site', total: { $sum: '$count' }, weeks: { $sum: 1 } } },
      { $sort: { total: -1 } },
    ]);
    expect(rows).toEqual([
      { _id: 'B', total: 11, weeks: 2 },
      { _id: 'A', total: 7, weeks: 2 },
    ]);
  });

  it('given cases, when $project and $addFields reshape them, then computed fields appear', async () => {
    const rows = await sut.aggregate([
      { $match: { site: 'A' } },
      { $sort: { week: 1 } },
      { $addFields: { doubled: { $multiply: ['$count', 2] } } },
      { $project: { _id: 0, week: 1, doubled: 1 } },
    ]);
    expect(rows).toEqual([
      { week: 1, doubled: 6 },
      { week: 2, doubled: 8 },
    ]);
  });

  it('given symptom arrays, when $unwind and $group count them, then each symptom is tallied', async () => {
    const rows = await sut.aggregate([
      { $unwind: '$symptoms' },
      { $group: { _id: '$symptoms', n: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    expect(rows).toEqual([
      { _id: 'cough', n: 1 },
      { _id: 'fever', n: 2 },
      { _id: 'rash', n: 1 },
    ]);
  });

  it('given cases, when $facet runs sub-pipelines with $count, $skip and $limit, then each facet answers', async () => {
    const [result] = await sut.aggregate([
      {
        $facet: {
          total: [{ $count: 'n' }],
          top: [
            { $sort: { count: -1 } },
            { $skip: 1 },
            { $limit: 1 },
            { $project: { _id: 0, site: 1, count: 1 } },
          ],
        },
      },
    ]);
    expect(result).toEqual({ total: [{ n: 4 }], top: [{ site: 'A', count: 4 }] });
  });

  it('given sites, when $lookup joins them into cases, then each case carries its district', async () => {
    const rows = await sut.aggregate([
      { $match: { week: 1 } },
      {
        $lookup: {
          from: sites.collection.name,
          localField: 'site',
          foreignField: 'code',
          as: 'siteDoc',
        },
      },
      { $unwind: '$siteDoc' },
      { $project: { _id: 0, site: 1, district: '$siteDoc.district' } },
      { $sort: { site: 1 } },
    ]);
    expect(rows).toEqual([
      { site: 'A', district: 'north' },
      { site: 'B', district: 'south' },
    ]);
  });

  it('given 10,000 documents, when streamed with batch size 100, then all arrive in order via getMore', async () => {
    const bulk = db.connection.collection('many');
    await bulk.insertMany(
      Array.from({ length: 10_000 }, (_, i) => ({ _id: new Types.ObjectId(), i })),
    );
    let expected = 0;
    for await (const doc of bulk.find(
      {},
      { sort: { i: 1 }, batchSize: 100, projection: { i: 1 } },
    )) {
      expect(doc['i']).toBe(expected);
      expected += 1;
    }
    expect(expected).toBe(10_000);
  });

  it('given a small batch size, when a mongoose query cursor is iterated, then batches are fetched lazily', async () => {
    const seen: number[] = [];
    for await (const doc of sut.find().sort({ count: 1 }).batchSize(1).cursor()) {
      seen.push(doc.count);
    }
    expect(seen).toEqual([1, 3, 4, 10]);
  });
});
