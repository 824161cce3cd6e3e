import { InMemoryStaffStore } from '../../../src/modules/identity/staff/in-memory-staff-store';
import { MongoStaffStore } from '../../../src/modules/identity/staff/mongo-staff-store';
import {
  StaffIdNumberTakenError,
  type NewStaffProfile,
  type StaffStore,
} from '../../../src/modules/identity/staff/staff-store';
import {
  STAFF_MODEL,
  StaffSchema,
  type StaffRecord,
} from '../../../src/modules/identity/staff/staff.schema';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const CLINIC_A = 'a'.repeat(24);
const CLINIC_B = 'b'.repeat(24);
const SEALED = { kid: 'k1', iv: 'iv', ct: 'ct', mac: 'mac' };

let serial = 0;
function profile(sut: StaffStore, overrides: Partial<NewStaffProfile> = {}): NewStaffProfile {
  serial += 1;
  return {
    id: sut.newId(),
    institutionId: CLINIC_A,
    regionPath: ['440000', '441900', '441900003'],
    userId: `user-${serial}`,
    name: SEALED,
    nameIndex: `name-${serial}`,
    gender: '1',
    departmentCode: '001',
    position: 'doctor',
    idType: '01',
    idNumber: SEALED,
    idNumberIndex: `id-${serial}`,
    bindPhone: false,
    phone: null,
    phoneIndex: null,
    usernameIndex: `username-${serial}`,
    role: '01',
    accountRole: 'doctor',
    enabled: true,
    formVersion: 1,
    ...overrides,
  };
}

/** The same behaviour from both adapters: unit tests on the in-memory one must not flatter. */
describe.each([['mongo'], ['in-memory']] as const)('StaffStore (%s)', (kind) => {
  let database: TestDatabase;
  let sut: StaffStore;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
  });
  afterAll(() => database.drop());

  beforeEach(async () => {
    if (kind === 'in-memory') {
      sut = new InMemoryStaffStore();
      return;
    }
    const model = database.connection.models[STAFF_MODEL]
      ? database.connection.model<StaffRecord>(STAFF_MODEL)
      : database.connection.model<StaffRecord>(STAFF_MODEL, StaffSchema);
    await model.init();
    await model.deleteMany({});
    sut = new MongoStaffStore(model);
  });

  it('given a profile with a chosen id, when inserted, then it is read back in scope, as its institution and by username index', async () => {
    const input = profile(sut);

    const stored = await sut.insert(input);

    expect(stored).toMatchObject(input);
    expect(input.id).toMatch(/^[0-9a-f]{24}$/);
    expect(stored.createdAt).toBeInstanceOf(Date);
    expect((await sut.findInScope(input.id, { kind: 'region', regionCode: '441900' }))?.id).toBe(
      input.id,
    );
    expect((await sut.findOwn(input.id, CLINIC_A))?.userId).toBe(input.userId);
    expect(await sut.existsWithUsernameIndex(input.usernameIndex)).toBe(true);
    expect(await sut.existsWithUsernameIndex('nobody')).toBe(false);
  });

  it('given a profile, when read outside its scope, by another institution or by a malformed id, then nothing comes back', async () => {
    const { id } = await sut.insert(profile(sut));

    expect(await sut.findInScope(id, { kind: 'institution', institutionId: CLINIC_B })).toBeNull();
    expect(await sut.findInScope(id, { kind: 'none' })).toBeNull();
    expect(await sut.findOwn(id, CLINIC_B)).toBeNull();
    expect(await sut.findOwn('not-an-id', CLINIC_A)).toBeNull();
  });

  it('given an ID number held in an institution, when inserted again there, then it is refused, and elsewhere it is accepted', async () => {
    const first = await sut.insert(profile(sut));

    await expect(
      sut.insert(profile(sut, { idNumberIndex: first.idNumberIndex })),
    ).rejects.toBeInstanceOf(StaffIdNumberTakenError);
    await sut.insert(profile(sut, { idNumberIndex: first.idNumberIndex, institutionId: CLINIC_B }));
    expect(await sut.idNumberHeldByOther(CLINIC_A, first.idNumberIndex, first.id)).toBe(false);
    expect(await sut.idNumberHeldByOther(CLINIC_A, first.idNumberIndex, sut.newId())).toBe(true);
  });

  it('given profiles, when listed, then scope, institution, department and enabled filters apply, newest first, paged', async () => {
    const older = await sut.insert(profile(sut));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await sut.insert(profile(sut, { departmentCode: '002', enabled: false }));
    await sut.insert(
      profile(sut, { institutionId: CLINIC_B, regionPath: ['440000', '441900', '441900005'] }),
    );
    const region = { kind: 'region', regionCode: '441900' } as const;
    const list = (query: object) => sut.list({ scope: region, skip: 0, limit: 10, ...query });

    expect((await list({})).total).toBe(3);
    expect((await list({ institutionId: CLINIC_A })).items.map((s) => s.id)).toEqual([
      newer.id,
      older.id,
    ]);
    expect(await list({ departmentCode: '002' })).toMatchObject({
      total: 1,
      items: [{ id: newer.id }],
    });
    expect(await list({ enabled: true, institutionId: CLINIC_A })).toMatchObject({
      total: 1,
      items: [{ id: older.id }],
    });
    expect(
      (await list({ institutionId: CLINIC_A, skip: 1, limit: 1 })).items.map((s) => s.id),
    ).toEqual([older.id]);
  });

  it('given a profile, when updated as its institution, then the changes are kept; another institution or a taken ID number changes nothing', async () => {
    const stored = await sut.insert(profile(sut));
    const other = await sut.insert(profile(sut));

    expect(await sut.update(stored.id, CLINIC_B, { enabled: false })).toBeNull();
    expect(
      await sut.update(stored.id, CLINIC_A, { enabled: false, position: 'nurse' }),
    ).toMatchObject({ id: stored.id, enabled: false, position: 'nurse', userId: stored.userId });
    await expect(
      sut.update(stored.id, CLINIC_A, { idNumberIndex: other.idNumberIndex }),
    ).rejects.toBeInstanceOf(StaffIdNumberTakenError);
    expect((await sut.findOwn(stored.id, CLINIC_A))?.idNumberIndex).toBe(stored.idNumberIndex);
    expect(await sut.update('not-an-id', CLINIC_A, { enabled: true })).toBeNull();
  });
});
