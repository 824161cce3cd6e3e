import { MongoServerError } from 'mongodb';
import { DUPLICATE_KEY_CODE, duplicateKeyField, isDuplicateKeyError } from './mongo-errors';

/** What the driver throws for one failed insert/update: the server's write error, flattened. */
function serverError(fields: Record<string, unknown>): MongoServerError {
  return new MongoServerError({ errmsg: 'E11000 duplicate key error', ...fields });
}

describe('isDuplicateKeyError', () => {
  it('recognises a single write that hit a unique index', () => {
    const error = serverError({
      code: DUPLICATE_KEY_CODE,
      keyPattern: { intentId: 1 },
      keyValue: { intentId: 'i-1' },
    });
    expect(isDuplicateKeyError(error)).toBe(true);
    expect(isDuplicateKeyError(error, { on: 'intentId' })).toBe(true);
    expect(isDuplicateKeyError(error, { on: 'seq' })).toBe(false);
  });

  it('rejects other server errors, plain errors and non-objects', () => {
    expect(isDuplicateKeyError(serverError({ code: 112, codeName: 'WriteConflict' }))).toBe(false);
    expect(isDuplicateKeyError(new Error('E11000 in the text only'))).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
    expect(isDuplicateKeyError(11000)).toBe(false);
  });

  it('counts a bulk write only when every failure is a duplicate', () => {
    const duplicate = { index: 0, code: DUPLICATE_KEY_CODE, errmsg: 'E11000' };
    const other = { index: 1, code: 121, errmsg: 'Document failed validation' };
    // MongoBulkWriteError carries the first failure's code at the top and all of them in writeErrors.
    const allDuplicates = { code: DUPLICATE_KEY_CODE, writeErrors: [duplicate, duplicate] };
    const mixed = { code: DUPLICATE_KEY_CODE, writeErrors: [duplicate, other] };
    expect(isDuplicateKeyError(allDuplicates)).toBe(true);
    expect(isDuplicateKeyError(mixed)).toBe(false);
  });
});

describe('duplicateKeyField', () => {
  it('names the field from keyValue when keyPattern is absent', () => {
    const valueOnly = serverError({ code: 11000, keyValue: { username: 'wang' } });
    expect(duplicateKeyField(valueOnly, ['phoneIndex', 'username'])).toBe('username');
  });

  it('falls back to the key named in the message', () => {
    const byKey = { code: 11000, message: 'E11000 dup key: { phoneIndex: "abc" }' };
    expect(duplicateKeyField(byKey, ['username', 'phoneIndex'])).toBe('phoneIndex');
  });

  it('is null for a collision on another field', () => {
    const other = serverError({ code: 11000, keyPattern: { seq: 1 }, errmsg: 'index: seq_1' });
    expect(duplicateKeyField(other, ['intentId'])).toBeNull();
  });

  it('given a duplicate-key error, when inspected, then the colliding candidate is named', () => {
    expect(
      duplicateKeyField({ code: 11000, keyPattern: { institutionId: 1, code: 1 } }, ['code']),
    ).toBe('code');
    expect(
      duplicateKeyField({ code: 11000, message: 'E11000 index: nameKey_1 dup key' }, [
        'x',
        'nameKey',
      ]),
    ).toBe('nameKey');
  });

  it('given any other error, when inspected, then null', () => {
    expect(duplicateKeyField(new Error('boom'), ['code'])).toBeNull();
    expect(duplicateKeyField({ code: 112 }, ['code'])).toBeNull();
  });
});
