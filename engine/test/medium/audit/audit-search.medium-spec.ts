import { AUDIT_COLLECTION } from '../../../src/modules/audit/audit-chain';
import { MongoAuditLog } from '../../../src/modules/audit/mongo-audit-log';
import { MongoAuditSearch } from '../../../src/modules/audit/mongo-audit-search';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

describe('audit search on the store', () => {
  let database: TestDatabase;
  let sut: MongoAuditSearch;
  let startedAt: Date;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    const log = new MongoAuditLog(database.connection);
    startedAt = new Date();
    for (let n = 1; n <= 12; n += 1) {
      await log.append({
        action: n % 2 === 0 ? 'login' : 'create',
        actor: n <= 6 ? 'alice' : 'bob',
        resource: n % 3 === 0 ? 'users' : 'submissions',
        details: { n },
      });
    }
    sut = new MongoAuditSearch(database.connection);
  });
  afterAll(() => database.drop());

  it('given 12 entries, when the first page of 5 is asked for, then the newest 5 come with the total', async () => {
    const page = await sut.search({ page: 1, pageSize: 5 });
    expect(page.total).toBe(12);
    expect(page.items.map((item) => item.seq)).toEqual([12, 11, 10, 9, 8]);
    expect(page.items[0]).not.toHaveProperty('_id');
    expect(page.items[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('given filters on actor, action and resource, when combined, then only matching entries come back', async () => {
    const page = await sut.search({
      actor: 'bob',
      action: 'create',
      resource: 'users',
      page: 1,
      pageSize: 20,
    });
    expect(page.items.map((item) => item.seq)).toEqual([9]);
    expect(page.total).toBe(1);
  });

  it('given a time window, when before all entries or around them, then none or all come back', async () => {
    const before = await sut.search({
      to: new Date(startedAt.getTime() - 1000),
      page: 1,
      pageSize: 20,
    });
    expect(before.total).toBe(0);
    const around = await sut.search({
      from: new Date(startedAt.getTime() - 1000),
      to: new Date(Date.now() + 1000),
      page: 3,
      pageSize: 5,
    });
    expect(around.total).toBe(12);
    expect(around.items.map((item) => item.seq)).toEqual([2, 1]);
  });

  it('given the collection name, when rows are counted directly, then the search reads audit_log', async () => {
    expect(await database.connection.collection(AUDIT_COLLECTION).countDocuments()).toBe(12);
  });
});
