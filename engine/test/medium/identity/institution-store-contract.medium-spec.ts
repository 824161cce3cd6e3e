import { InMemoryInstitutionStore } from '../../../src/modules/institutions/in-memory-institution-store';
import {
  InstitutionNameTakenError,
  type InstitutionStore,
  type NewInstitution,
} from '../../../src/modules/institutions/institution-store';
import { MongoInstitutionStore } from '../../../src/modules/institutions/mongo-institution-store';
import {
  INSTITUTION_MODEL,
  InstitutionSchema,
  type InstitutionRecord,
} from '../../../src/modules/institutions/institution.schema';
import { MongoUnitOfWork } from '../../../src/database';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const DONGCHENG = ['440000', '441900', '441900003'];
const WANJIANG = ['440000', '441900', '441900005'];

let serial = 0;
function institution(
  store: InstitutionStore,
  overrides: Partial<NewInstitution> = {},
): NewInstitution {
  serial += 1;
  return {
    id: store.newId(),
    name: `契约诊所${serial}`,
    nameKey: `契约诊所${serial}`,
    type: 'clinic',
    address: { region: '441900003', detail: '东城街道 1 号' },
    insuranceDesignated: false,
    regionCode: '441900003',
    regionPath: DONGCHENG,
    status: 'pending',
    statusHistory: [],
    adminUserId: null,
    formVersion: 1,
    ...overrides,
  };
}

const at = new Date('2026-03-01T08:00:00.000Z');

/** The same behaviour from both adapters: unit tests on the in-memory one must not flatter. */
describe.each([['mongo'], ['in-memory']] as const)('InstitutionStore (%s)', (kind) => {
  let database: TestDatabase;
  let sut: InstitutionStore;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
  });
  afterAll(() => database.drop());

  beforeEach(async () => {
    if (kind === 'in-memory') {
      sut = new InMemoryInstitutionStore();
      return;
    }
    const model = database.connection.models[INSTITUTION_MODEL]
      ? database.connection.model<InstitutionRecord>(INSTITUTION_MODEL)
      : database.connection.model<InstitutionRecord>(INSTITUTION_MODEL, InstitutionSchema);
    await model.init();
    await model.deleteMany({});
    sut = new MongoInstitutionStore(model);
  });

  it('given an institution, when read by id, name key and in scope, then the same record comes back', async () => {
    const stored = institution(sut);
    await sut.insert(stored);

    const found = await sut.findById(stored.id);
    expect(found).toMatchObject({ ...stored, regionPath: DONGCHENG });
    expect(found?.createdAt).toBeInstanceOf(Date);
    expect((await sut.findByNameKey(stored.nameKey))?.id).toBe(stored.id);
    expect(
      (await sut.findInScope(stored.id, { kind: 'institution', institutionId: stored.id }))?.id,
    ).toBe(stored.id);
    expect((await sut.findInScope(stored.id, { kind: 'region', regionCode: '441900' }))?.id).toBe(
      stored.id,
    );
  });

  it('given ids that are unknown, malformed or out of scope, when read, then null', async () => {
    const stored = institution(sut);
    await sut.insert(stored);

    expect(await sut.findById(sut.newId())).toBeNull();
    expect(await sut.findById('not-an-id')).toBeNull();
    expect(
      await sut.findInScope(stored.id, { kind: 'region', regionCode: '441900005' }),
    ).toBeNull();
    expect(
      await sut.findInScope(stored.id, { kind: 'institution', institutionId: sut.newId() }),
    ).toBeNull();
    expect(await sut.findInScope(stored.id, { kind: 'none' })).toBeNull();
  });

  it('given a name key already taken, when inserting, then InstitutionNameTakenError and nothing new', async () => {
    const first = institution(sut);
    await sut.insert(first);
    const second = institution(sut, { nameKey: first.nameKey });

    await expect(sut.insert(second)).rejects.toBeInstanceOf(InstitutionNameTakenError);
    expect(await sut.findById(second.id)).toBeNull();
  });

  it('given institutions in two districts, when listed with filters, then scope, status, region and name apply, newest first', async () => {
    const older = institution(sut, { nameKey: '东城甲诊所' });
    const newer = institution(sut, { nameKey: '东城乙诊所', status: 'approved' });
    const elsewhere = institution(sut, { regionPath: WANJIANG, regionCode: '441900005' });
    for (const record of [older, newer, elsewhere]) {
      await sut.insert(record);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const page = (query: object) =>
      sut.list({ scope: { kind: 'region', regionCode: '441900' }, skip: 0, limit: 10, ...query });

    expect((await page({})).items.map((i) => i.id)).toEqual([elsewhere.id, newer.id, older.id]);
    expect(await page({ status: 'approved' })).toMatchObject({
      total: 1,
      items: [{ id: newer.id }],
    });
    expect((await page({ regionCode: '441900003' })).total).toBe(2);
    expect((await page({ nameKeyContains: '甲' })).items.map((i) => i.id)).toEqual([older.id]);
    expect((await page({ skip: 1, limit: 1 })).items.map((i) => i.id)).toEqual([newer.id]);
    expect(
      (
        await sut.list({
          scope: { kind: 'institution', institutionId: older.id },
          skip: 0,
          limit: 10,
        })
      ).items.map((i) => i.id),
    ).toEqual([older.id]);
  });

  it('given a status read, when changed from it and then again from the stale one, then only the first change is made', async () => {
    const stored = institution(sut);
    await sut.insert(stored);
    const approve = { status: 'approved', reason: null, actor: 'reviewer', at } as const;

    const changed = await sut.changeStatus(stored.id, 'pending', approve);
    const stale = await sut.changeStatus(stored.id, 'pending', { ...approve, status: 'rejected' });

    expect(changed).toMatchObject({ status: 'approved', statusHistory: [approve] });
    expect(stale).toBeNull();
    expect((await sut.findById(stored.id))?.status).toBe('approved');
    expect(await sut.changeStatus('not-an-id', 'pending', approve)).toBeNull();
  });

  it('given a new institution, when its administrator is set, then it is recorded with the history entry', async () => {
    const stored = institution(sut);
    await sut.insert(stored);
    const entry = { status: 'pending', reason: null, actor: 'admin-1', at } as const;

    await sut.setAdmin(stored.id, 'admin-1', entry);

    expect(await sut.findById(stored.id)).toMatchObject({
      adminUserId: 'admin-1',
      statusHistory: [entry],
    });
  });

  if (kind === 'mongo') {
    it('given a unit of work that fails after an insert, when read back, then nothing was stored', async () => {
      const stored = institution(sut);

      await expect(
        new MongoUnitOfWork(database.connection).run(async () => {
          await sut.insert(stored);
          throw new Error('the account was refused');
        }),
      ).rejects.toThrow('the account was refused');

      expect(await sut.findById(stored.id)).toBeNull();
    });
  }
});
