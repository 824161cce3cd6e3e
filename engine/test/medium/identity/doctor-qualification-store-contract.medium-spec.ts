import { InMemoryDoctorQualificationStore } from '../../../src/modules/identity/qualifications/in-memory-doctor-qualification-store';
import type {
  DoctorQualificationStore,
  NewDoctorQualification,
} from '../../../src/modules/identity/qualifications/doctor-qualification-store';
import { MongoDoctorQualificationStore } from '../../../src/modules/identity/qualifications/mongo-doctor-qualification-store';
import {
  DOCTOR_QUALIFICATION_MODEL,
  DoctorQualificationSchema,
  type DoctorQualificationRecord,
} from '../../../src/modules/identity/qualifications/doctor-qualification.schema';
import {
  STAFF_MODEL,
  StaffSchema,
  type StaffRecord,
} from '../../../src/modules/identity/staff/staff.schema';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const CLINIC_A = 'a'.repeat(24);
const CLINIC_B = 'b'.repeat(24);
const STAFF_ID = 'c'.repeat(24);

function qualification(
  sut: DoctorQualificationStore,
  overrides: Partial<NewDoctorQualification> = {},
): NewDoctorQualification {
  return {
    id: sut.newId(),
    institutionId: CLINIC_A,
    regionPath: ['440000', '441900', '441900003'],
    values: { doctorName: 'sealed', departmentCode: '001' },
    departmentCode: '001',
    idNumberIndex: 'token-1',
    staffId: null,
    createdBy: 'doctor-1',
    formVersion: 1,
    ...overrides,
  };
}

/** The same behaviour from both adapters: unit tests on the in-memory one must not flatter. */
describe.each([['mongo'], ['in-memory']] as const)('DoctorQualificationStore (%s)', (kind) => {
  let database: TestDatabase;
  let sut: DoctorQualificationStore;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
  });
  afterAll(() => database.drop());

  beforeEach(async () => {
    const staffProfile = { institutionId: CLINIC_A, idNumberIndex: 'token-staff' };
    if (kind === 'in-memory') {
      sut = new InMemoryDoctorQualificationStore([{ id: STAFF_ID, ...staffProfile }]);
      return;
    }
    const model = database.connection.models[DOCTOR_QUALIFICATION_MODEL]
      ? database.connection.model<DoctorQualificationRecord>(DOCTOR_QUALIFICATION_MODEL)
      : database.connection.model<DoctorQualificationRecord>(
          DOCTOR_QUALIFICATION_MODEL,
          DoctorQualificationSchema,
        );
    const staff = database.connection.models[STAFF_MODEL]
      ? database.connection.model<StaffRecord>(STAFF_MODEL)
      : database.connection.model<StaffRecord>(STAFF_MODEL, StaffSchema);
    await model.deleteMany({});
    await staff.deleteMany({});
    // Only the keys the match reads: the staff store's own contract covers whole profiles.
    await staff.collection.insertOne({
      _id: new staff.base.Types.ObjectId(STAFF_ID),
      ...staffProfile,
    });
    sut = new MongoDoctorQualificationStore(model, staff);
  });

  it('given a qualification with a chosen id, when inserted, then it is read back by that id in scope and as its institution', async () => {
    const input = qualification(sut);

    const stored = await sut.insert(input);

    expect(stored).toMatchObject(input);
    expect(input.id).toMatch(/^[0-9a-f]{24}$/);
    expect(stored.createdAt).toBeInstanceOf(Date);
    expect(stored.updatedAt).toBeInstanceOf(Date);
    expect((await sut.findInScope(input.id, { kind: 'region', regionCode: '441900' }))?.id).toBe(
      input.id,
    );
    expect((await sut.findOwn(input.id, CLINIC_A))?.values).toEqual(input.values);
  });

  it('given a qualification, when read outside its scope, by another institution or by a malformed id, then nothing comes back', async () => {
    const { id } = await sut.insert(qualification(sut));

    expect(await sut.findInScope(id, { kind: 'institution', institutionId: CLINIC_B })).toBeNull();
    expect(await sut.findInScope(id, { kind: 'none' })).toBeNull();
    expect(await sut.findOwn(id, CLINIC_B)).toBeNull();
    expect(await sut.findOwn('not-an-id', CLINIC_A)).toBeNull();
    expect(await sut.findInScope(sut.newId(), { kind: 'region', regionCode: '440000' })).toBeNull();
  });

  it('given qualifications of two clinics, when listed, then scope and institution filters apply, newest first, paged', async () => {
    const older = await sut.insert(qualification(sut));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await sut.insert(qualification(sut));
    await sut.insert(
      qualification(sut, {
        institutionId: CLINIC_B,
        regionPath: ['440000', '441900', '441900005'],
      }),
    );
    const region = { kind: 'region', regionCode: '441900' } as const;

    expect((await sut.list({ scope: region, skip: 0, limit: 10 })).total).toBe(3);
    const own = await sut.list({ scope: region, institutionId: CLINIC_A, skip: 0, limit: 10 });
    expect(own.items.map((q) => q.id)).toEqual([newer.id, older.id]);
    expect(
      (
        await sut.list({
          scope: { kind: 'institution', institutionId: CLINIC_B },
          skip: 0,
          limit: 10,
        })
      ).total,
    ).toBe(1);
    const second = await sut.list({ scope: region, institutionId: CLINIC_A, skip: 1, limit: 1 });
    expect(second).toMatchObject({ total: 2, items: [{ id: older.id }] });
  });

  it('given a qualification, when updated as its institution, then the changes are kept, and another institution changes nothing', async () => {
    const stored = await sut.insert(qualification(sut));
    const changes = {
      values: { doctorName: 'resealed', departmentCode: '002' },
      departmentCode: '002',
      idNumberIndex: 'token-2',
      staffId: STAFF_ID,
      formVersion: 2,
    };

    expect(await sut.update(stored.id, CLINIC_B, changes)).toBeNull();
    const updated = await sut.update(stored.id, CLINIC_A, changes);

    expect(updated).toMatchObject({ ...changes, id: stored.id, createdBy: 'doctor-1' });
    expect((await sut.findOwn(stored.id, CLINIC_A))?.departmentCode).toBe('002');
    expect(await sut.update('not-an-id', CLINIC_A, changes)).toBeNull();
  });

  it('given a staff profile with the same ID number token, when matched, then only its own institution finds it', async () => {
    expect(await sut.matchingStaffId(CLINIC_A, 'token-staff')).toBe(STAFF_ID);
    expect(await sut.matchingStaffId(CLINIC_B, 'token-staff')).toBeNull();
    expect(await sut.matchingStaffId(CLINIC_A, 'token-other')).toBeNull();
  });
});
