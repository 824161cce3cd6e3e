import { mongo } from 'mongoose';
import {
  ambientSession,
  ImmediateUnitOfWork,
  MongoUnitOfWork,
  type UnitOfWork,
} from '../../../src/database';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

describe('unit of work', () => {
  let database: TestDatabase;
  const rows = () => database.connection.collection('uow_rows');
  const insert = (n: number) => rows().insertOne({ n }, { session: ambientSession() });
  const stored = async () => (await rows().find().sort({ n: 1 }).toArray()).map((r) => r['n']);

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
  });
  afterAll(() => database.drop());
  beforeEach(() => rows().deleteMany({}));

  /** What both implementations promise; only the store can also roll back. */
  describe.each([
    ['mongo', () => new MongoUnitOfWork(database.connection)],
    ['immediate', () => new ImmediateUnitOfWork()],
  ] as const)('%s', (_, make: () => UnitOfWork) => {
    it('given a run inside a run, when both finish, then hooks run once, after the outer work, in order', async () => {
      const sut = make();
      const seen: string[] = [];

      const result = await sut.run(async () => {
        await sut.run(async () => {
          await insert(1);
          await sut.afterCommit(async () => void seen.push('inner hook'));
        });
        await sut.afterCommit(async () => void seen.push('outer hook'));
        seen.push('outer work done');
        return 'value';
      });

      expect(result).toBe('value');
      expect(seen).toEqual(['outer work done', 'inner hook', 'outer hook']);
      expect(await stored()).toEqual([1]);
    });

    it('given work that fails, when run, then its hooks never run and the failure reaches the caller', async () => {
      const sut = make();
      const seen: string[] = [];

      await expect(
        sut.run(async () => {
          await sut.afterCommit(async () => void seen.push('hook'));
          throw new Error('a later write failed');
        }),
      ).rejects.toThrow('a later write failed');

      expect(seen).toEqual([]);
    });

    it('given no run, when a hook is registered, then it runs at once', async () => {
      const seen: string[] = [];

      await make().afterCommit(async () => void seen.push('hook'));

      expect(seen).toEqual(['hook']);
    });

    it('given two concurrent runs, when the shorter finishes first, then its hooks run then, not with the longer one', async () => {
      const sut = make();
      const seen: string[] = [];
      const run = (name: string, ms: number) =>
        sut.run(async () => {
          await sut.afterCommit(async () => void seen.push(name));
          await new Promise((resolve) => setTimeout(resolve, ms));
          return seen.slice();
        });

      const [seenByLonger] = await Promise.all([run('longer', 60), run('shorter', 5)]);

      expect(seenByLonger).toEqual(['shorter']);
      expect(seen).toEqual(['shorter', 'longer']);
    });
  });

  describe('on the store', () => {
    it('given a write and then a failure, when run, then the write is rolled back', async () => {
      const sut = new MongoUnitOfWork(database.connection);

      await expect(
        sut.run(async () => {
          await insert(1);
          throw new Error('a later write failed');
        }),
      ).rejects.toThrow('a later write failed');

      expect(await stored()).toEqual([]);
      expect(ambientSession()).toBeUndefined();
    });

    it('given a transient transaction error, when run, then the whole work runs again and only the last attempt commits', async () => {
      const sut = new MongoUnitOfWork(database.connection);
      const seen: string[] = [];
      let attempts = 0;

      await sut.run(async () => {
        attempts += 1;
        await insert(attempts);
        await sut.afterCommit(async () => void seen.push(`hook ${attempts}`));
        if (attempts === 1) {
          const conflict = new mongo.MongoServerError({ message: 'write conflict', code: 112 });
          conflict.addErrorLabel('TransientTransactionError');
          throw conflict;
        }
      });

      expect(attempts).toBe(2);
      expect(await stored()).toEqual([2]);
      expect(seen).toEqual(['hook 2']);
    });
  });
});
