import { InMemoryDepartmentStore } from '../../../src/modules/identity/departments/in-memory-department-store';
import {
  DepartmentCodeTakenError,
  type DepartmentStore,
  type NewDepartment,
} from '../../../src/modules/identity/departments/department-store';
import { MongoDepartmentStore } from '../../../src/modules/identity/departments/mongo-department-store';
import {
  DEPARTMENT_MODEL,
  DepartmentSchema,
  type DepartmentRecord,
} from '../../../src/modules/identity/departments/department.schema';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const CLINIC_A = 'a'.repeat(24);
const CLINIC_B = 'b'.repeat(24);

function department(overrides: Partial<NewDepartment> = {}): NewDepartment {
  return {
    institutionId: CLINIC_A,
    regionPath: ['440000', '441900', '441900003'],
    code: '001',
    name: '内科',
    medicalSubject: null,
    enabled: true,
    formVersion: 1,
    ...overrides,
  };
}

/** The same behaviour from both adapters: unit tests on the in-memory one must not flatter. */
describe.each([['mongo'], ['in-memory']] as const)('DepartmentStore (%s)', (kind) => {
  let database: TestDatabase;
  let sut: DepartmentStore;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
  });
  afterAll(() => database.drop());

  beforeEach(async () => {
    if (kind === 'in-memory') {
      sut = new InMemoryDepartmentStore();
      return;
    }
    const model = database.connection.models[DEPARTMENT_MODEL]
      ? database.connection.model<DepartmentRecord>(DEPARTMENT_MODEL)
      : database.connection.model<DepartmentRecord>(DEPARTMENT_MODEL, DepartmentSchema);
    await model.init();
    await model.deleteMany({});
    sut = new MongoDepartmentStore(model);
  });

  it('given a department, when read by id in scope, as its own institution and by code, then it comes back', async () => {
    const stored = await sut.insert(department());

    expect(stored).toMatchObject(department());
    expect(stored.createdAt).toBeInstanceOf(Date);
    expect((await sut.findInScope(stored.id, { kind: 'region', regionCode: '441900' }))?.id).toBe(
      stored.id,
    );
    expect((await sut.findOwn(stored.id, CLINIC_A))?.id).toBe(stored.id);
    expect((await sut.findByCode(CLINIC_A, '001'))?.id).toBe(stored.id);
  });

  it('given another institution, a foreign scope or a malformed id, when read, then null', async () => {
    const stored = await sut.insert(department());

    expect(await sut.findOwn(stored.id, CLINIC_B)).toBeNull();
    expect(
      await sut.findInScope(stored.id, { kind: 'institution', institutionId: CLINIC_B }),
    ).toBeNull();
    expect(await sut.findOwn('not-an-id', CLINIC_A)).toBeNull();
    expect(await sut.findByCode(CLINIC_B, '001')).toBeNull();
  });

  it('given a code taken in the institution, when inserting or renumbering to it, then DepartmentCodeTakenError; another institution may use it', async () => {
    await sut.insert(department());
    const second = await sut.insert(department({ code: '002' }));

    await expect(sut.insert(department())).rejects.toBeInstanceOf(DepartmentCodeTakenError);
    await expect(
      sut.update(second.id, CLINIC_A, { ...department(), code: '001' }),
    ).rejects.toBeInstanceOf(DepartmentCodeTakenError);
    await expect(sut.insert(department({ institutionId: CLINIC_B }))).resolves.toMatchObject({
      institutionId: CLINIC_B,
    });
  });

  it('given departments, when listed with filters, then scope, institution and enabled apply, ordered by institution and code', async () => {
    const second = await sut.insert(department({ code: '002', enabled: false }));
    const first = await sut.insert(department());
    const other = await sut.insert(department({ institutionId: CLINIC_B }));
    const list = (query: object) =>
      sut.list({ scope: { kind: 'region', regionCode: '441900' }, skip: 0, limit: 10, ...query });

    expect((await list({})).items.map((d) => d.id)).toEqual([first.id, second.id, other.id]);
    expect((await list({ enabled: false })).items.map((d) => d.id)).toEqual([second.id]);
    expect((await list({ institutionId: CLINIC_B })).total).toBe(1);
    expect((await list({ skip: 1, limit: 1 })).items.map((d) => d.id)).toEqual([second.id]);
  });

  it('given a department, when updated and removed by its institution, then the changes hold; another institution changes nothing', async () => {
    const stored = await sut.insert(department());
    const changes = {
      code: '003',
      name: '儿科',
      medicalSubject: '07',
      enabled: false,
      formVersion: 2,
    };

    expect(await sut.update(stored.id, CLINIC_B, changes)).toBeNull();
    expect(await sut.update(stored.id, CLINIC_A, changes)).toMatchObject(changes);
    await sut.remove(stored.id, CLINIC_B);
    expect(await sut.findOwn(stored.id, CLINIC_A)).not.toBeNull();
    await sut.remove(stored.id, CLINIC_A);
    expect(await sut.findOwn(stored.id, CLINIC_A)).toBeNull();
  });
});
