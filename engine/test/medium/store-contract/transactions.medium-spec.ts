import { Schema, type Model } from 'mongoose';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

interface Submission {
  form: string;
  status: string;
  version: number;
}

describe('store contract: transactions', () => {
  let db: TestDatabase;
  let sut: Model<Submission>;

  beforeAll(async () => {
    db = await createTestDatabase(__filename);
    sut = db.connection.model<Submission>(
      'Submission',
      new Schema<Submission>({
        form: { type: String, unique: true },
        status: String,
        version: Number,
      }),
    );
    await sut.init();
  });
  afterAll(() => db.drop());
  beforeEach(() => sut.deleteMany({}));

  const statuses = async (): Promise<string[]> =>
    (await sut.find().sort({ form: 1 }).lean()).map((s) => `${s.form}:${s.status}:${s.version}`);

  it('given a transaction with writes, when it commits, then every write is visible afterwards', async () => {
    await sut.create({ form: 'a', status: 'draft', version: 1 });
    const session = await db.connection.startSession();
    try {
      session.startTransaction();
      await sut.create([{ form: 'b', status: 'draft', version: 1 }], { session });
      await sut.updateOne(
        { form: 'a' },
        { $set: { status: 'sent' }, $inc: { version: 1 } },
        { session },
      );
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect(await statuses()).toEqual(['a:sent:2', 'b:draft:1']);
  });

  it('given insert, update and delete in a transaction, when it aborts, then all three are rolled back', async () => {
    await sut.create([
      { form: 'keep', status: 'draft', version: 1 },
      { form: 'gone', status: 'draft', version: 1 },
    ]);
    const session = await db.connection.startSession();
    try {
      session.startTransaction();
      await sut.create([{ form: 'new', status: 'draft', version: 1 }], { session });
      await sut.updateOne(
        { form: 'keep' },
        { $set: { status: 'changed' }, $inc: { version: 5 } },
        { session },
      );
      await sut.deleteOne({ form: 'gone' }, { session });
      await sut.findOneAndUpdate(
        { form: 'keep' },
        { $set: { status: 'changed-again' } },
        { session },
      );
      expect(await sut.countDocuments({ form: { $in: ['new', 'keep'] } }).session(session)).toBe(2);
      expect((await sut.findOne({ form: 'keep' }).session(session).lean())?.status).toBe(
        'changed-again',
      );
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await statuses()).toEqual(['gone:draft:1', 'keep:draft:1']);
  });

  it('given another session writing during a transaction, when the transaction aborts, then that write survives', async () => {
    await sut.create({ form: 'mine', status: 'draft', version: 1 });
    await sut.create({ form: 'theirs', status: 'draft', version: 1 });
    const session = await db.connection.startSession();
    try {
      session.startTransaction();
      await sut.updateMany({ form: 'mine' }, { $set: { status: 'tx' } }, { session });
      await sut.create({ form: 'outside', status: 'draft', version: 1 });
      await sut.updateOne({ form: 'theirs' }, { $set: { status: 'outside' } });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await statuses()).toEqual(['mine:draft:1', 'outside:draft:1', 'theirs:outside:1']);
  });

  it('given connection.transaction(), when the callback succeeds, then its writes are committed', async () => {
    await db.connection.transaction(async (session) => {
      await sut.create([{ form: 'x', status: 'draft', version: 1 }], { session });
      await sut.updateOne({ form: 'x' }, { $set: { status: 'final' } }, { session });
    });
    expect(await statuses()).toEqual(['x:final:1']);
  });

  it('given connection.transaction(), when the callback throws, then nothing it wrote remains', async () => {
    await sut.create({ form: 'y', status: 'draft', version: 1 });
    await expect(
      db.connection.transaction(async (session) => {
        await sut.create([{ form: 'z', status: 'draft', version: 1 }], { session });
        await sut.deleteOne({ form: 'y' }, { session });
        throw new Error('validation failed');
      }),
    ).rejects.toThrow('validation failed');
    expect(await statuses()).toEqual(['y:draft:1']);
  });

  it('given session.withTransaction, when it runs a duplicate insert, then the error surfaces and earlier writes roll back', async () => {
    await sut.create({ form: 'taken', status: 'draft', version: 1 });
    const session = await db.connection.startSession();
    try {
      await expect(
        session.withTransaction(async () => {
          await sut.create([{ form: 'fresh', status: 'draft', version: 1 }], { session });
          await sut.create([{ form: 'taken', status: 'dup', version: 1 }], { session });
        }),
      ).rejects.toMatchObject({ code: 11000 });
    } finally {
      await session.endSession();
    }
    expect(await statuses()).toEqual(['taken:draft:1']);
  });
});
