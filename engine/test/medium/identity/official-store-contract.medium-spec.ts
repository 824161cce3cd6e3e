import { InMemoryOfficialStore } from '../../../src/modules/identity/officials/in-memory-official-store';
import { MongoOfficialStore } from '../../../src/modules/identity/officials/mongo-official-store';
import type {
  NewOfficialRecord,
  OfficialStore,
} from '../../../src/modules/identity/officials/official-store';
import {
  OFFICIAL_MODEL,
  OfficialSchema,
  type OfficialRecord,
} from '../../../src/modules/identity/officials/official.schema';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

let serial = 0;
function official(overrides: Partial<NewOfficialRecord> = {}): NewOfficialRecord {
  serial += 1;
  return {
    userId: `user-${serial}`,
    username: `gd-dg-reviewer-${serial}`,
    displayName: `审核员${serial}`,
    role: 'district_reviewer',
    regionCode: '441900003',
    regionPath: ['440000', '441900', '441900003'],
    createdBy: 'province-admin',
    ...overrides,
  };
}

/** The same behaviour from both adapters: unit tests on the in-memory one must not flatter. */
describe.each([['mongo'], ['in-memory']] as const)('OfficialStore (%s)', (kind) => {
  let database: TestDatabase;
  let sut: OfficialStore;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
  });
  afterAll(() => database.drop());

  beforeEach(async () => {
    if (kind === 'in-memory') {
      sut = new InMemoryOfficialStore();
      return;
    }
    const model = database.connection.models[OFFICIAL_MODEL]
      ? database.connection.model<OfficialRecord>(OFFICIAL_MODEL)
      : database.connection.model<OfficialRecord>(OFFICIAL_MODEL, OfficialSchema);
    await model.init();
    await model.deleteMany({});
    sut = new MongoOfficialStore(model);
  });

  it('given an official, when inserted, then it comes back with an id and a creation time, and its username exists', async () => {
    const input = official({ organisationCode: 'FC001', role: 'fever_clinic' });

    const stored = await sut.insert(input);

    expect(stored).toMatchObject(input);
    expect(stored.id).toMatch(/^[0-9a-f]{24}$/);
    expect(stored.createdAt).toBeInstanceOf(Date);
    expect(await sut.existsWithUsername(input.username)).toBe(true);
    expect(await sut.existsWithUsername('nobody')).toBe(false);
  });

  it('given a username already held, when inserted again, then the duplicate is refused', async () => {
    const first = await sut.insert(official());

    await expect(sut.insert(official({ username: first.username }))).rejects.toMatchObject({
      code: 11000,
    });
  });

  it('given officials in two districts, when listed, then the region bound, role and region filters apply, newest first', async () => {
    const older = await sut.insert(official());
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await sut.insert(official({ role: 'epidemic_handler' }));
    await sut.insert(
      official({ regionCode: '441900005', regionPath: ['440000', '441900', '441900005'] }),
    );
    const list = (query: object) =>
      sut.list({ withinRegion: '441900003', skip: 0, limit: 10, ...query });

    expect((await list({})).items.map((o) => o.id)).toEqual([newer.id, older.id]);
    expect(await list({ role: 'epidemic_handler' })).toMatchObject({
      total: 1,
      items: [{ id: newer.id }],
    });
    expect((await sut.list({ withinRegion: '441900', skip: 0, limit: 10 })).total).toBe(3);
    expect(
      (await sut.list({ withinRegion: '441900', regionCode: '441900005', skip: 0, limit: 10 }))
        .total,
    ).toBe(1);
    expect((await list({ skip: 1, limit: 1 })).items.map((o) => o.id)).toEqual([older.id]);
    expect((await sut.list({ withinRegion: '\u0000none', skip: 0, limit: 10 })).total).toBe(0);
  });
});
