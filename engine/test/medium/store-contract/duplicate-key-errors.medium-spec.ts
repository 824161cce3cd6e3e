import { Schema, type Model } from 'mongoose';
import { duplicateKeyField, isDuplicateKeyError } from '../../../src/database/mongo-errors';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { errorOf } from './store-errors';

interface Account {
  _id: string;
  username: string;
  phoneIndex?: string;
}

const accountSchema = new Schema<Account>({
  _id: String,
  username: { type: String, required: true, unique: true },
  phoneIndex: { type: String, unique: true, sparse: true },
});

/** The errors mongoose really throws against the store, read by the one helper every store uses. */
describe('store contract: duplicate-key errors as mongo-errors reads them', () => {
  let db: TestDatabase;
  let accounts: Model<Account>;

  beforeAll(async () => {
    db = await createTestDatabase(__filename);
    accounts = db.connection.model<Account>('Account', accountSchema);
    await accounts.init();
    await accounts.create({ _id: 'a', username: 'wang', phoneIndex: 'p-1' });
  });

  afterAll(() => db.drop());

  it('names the field of a single insert that collided', async () => {
    const error = await errorOf(() => accounts.create({ _id: 'b', username: 'wang' }));
    expect(isDuplicateKeyError(error)).toBe(true);
    expect(isDuplicateKeyError(error, { on: 'username' })).toBe(true);
    expect(duplicateKeyField(error, ['phoneIndex', 'username'])).toBe('username');
  });

  it('names the field of an update that collided', async () => {
    await accounts.create({ _id: 'c', username: 'li' });
    const error = await errorOf(() =>
      accounts.updateOne({ _id: 'c' }, { $set: { phoneIndex: 'p-1' } }).exec(),
    );
    expect(duplicateKeyField(error, ['username', 'phoneIndex'])).toBe('phoneIndex');
  });

  it('recognises a duplicate _id', async () => {
    const error = await errorOf(() => accounts.create({ _id: 'a', username: 'zhao' }));
    expect(isDuplicateKeyError(error)).toBe(true);
    expect(isDuplicateKeyError(error, { on: 'username' })).toBe(false);
  });

  it('recognises an unordered bulk insert whose failures are all duplicates', async () => {
    const error = await errorOf(() =>
      accounts.insertMany(
        [
          { _id: 'a', username: 'again' },
          { _id: 'd', username: 'zhang' },
          { _id: 'e', username: 'wang' },
        ],
        { ordered: false },
      ),
    );
    expect(isDuplicateKeyError(error)).toBe(true);
    expect(await accounts.exists({ _id: 'd' })).not.toBeNull();
  });
});
