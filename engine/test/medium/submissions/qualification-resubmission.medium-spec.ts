import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { ApiError } from '../../../src/common/errors';
import { InstitutionDirectory } from '../../../src/modules/institutions/institution-directory';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import {
  contentForm,
  createCommand as command,
  doctorOf,
  normalReport,
  publish,
  storedSubmission,
} from './submission-fixtures';
import { startSubmissions, type SubmissionsInstance } from './submissions-harness';

/** Files like the clinic qualification: any institution but a suspended one. */
const QUALIFICATION = 'qualification-like';

describe('a rejected clinic resubmitting its qualification (medium, real institution store)', () => {
  let database: TestDatabase;
  let sut: SubmissionsInstance;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    sut = await startSubmissions(database, { institutions: 'store' });
    sut.registry.add(
      publish({
        ...contentForm('patient-visit-report'),
        key: QUALIFICATION,
        filers: 'any-institution',
      }),
    );
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  let serial = 0;
  async function rejectedClinic(): Promise<string> {
    serial += 1;
    const _id = new Types.ObjectId();
    await database.connection.collection('institutions').insertOne({
      _id,
      name: `驳回诊所${serial}`,
      nameKey: `驳回诊所${serial}`,
      type: 'clinic',
      address: { region: '441900003', detail: '东城街道 2 号' },
      insuranceDesignated: false,
      regionCode: '441900003',
      regionPath: ['440000', '441900', '441900003'],
      status: 'rejected',
      statusHistory: [
        { status: 'rejected', reason: '材料不全', actor: 'reviewer', at: new Date() },
      ],
      adminUserId: null,
      formVersion: 1,
    });
    return _id.toHexString();
  }

  const institution = (id: string) =>
    database.connection.collection('institutions').findOne({ _id: new Types.ObjectId(id) });

  it('given a rejected clinic, when its staff report the qualification, then the report and the return to pending commit together, audited with the source', async () => {
    const id = await rejectedClinic();
    const staff = { principal: doctorOf(id, 'staff-1') };

    const filed = await sut.service.create(
      staff,
      command(normalReport(), { formKey: QUALIFICATION }),
    );

    expect(filed.response.status).toBe(201);
    const stored = await institution(id);
    expect(stored?.['status']).toBe('pending');
    expect(stored?.['statusHistory']).toEqual([
      expect.objectContaining({ status: 'rejected' }),
      expect.objectContaining({ status: 'pending', reason: null, actor: 'staff-1' }),
    ]);
    expect(sut.audit.entries).toContainEqual(
      expect.objectContaining({
        actor: 'staff-1',
        resource: 'institutions',
        resourceId: id,
        details: expect.objectContaining({
          from: 'rejected',
          to: 'pending',
          source: `submission:${QUALIFICATION}`,
        }),
      }),
    );
    const daily = await sut.service
      .create(staff, command(normalReport()))
      .catch((error: unknown) => error);
    expect(daily).toBeInstanceOf(ApiError);
    expect((daily as ApiError).code).toBe('INSTITUTION_NOT_APPROVED');
  });

  it('given the transaction failing after the status change, when inserting, then the clinic is still rejected and no report exists', async () => {
    const id = await rejectedClinic();
    const directory = sut.moduleRef.get(InstitutionDirectory);
    const s = storedSubmission({ institutionId: id });
    const key = `key-${randomUUID()}`;
    await sut.repository.claimKey({
      userId: 'u1',
      key,
      requestHash: 'h',
      claimToken: 'tok',
      claimedAt: new Date(),
    });

    await expect(
      sut.repository.insert({
        submission: s,
        outbox: null,
        sideEffect: async () => {
          await directory.setStatusBySystem(id, 'pending', null, 'u1');
          throw new Error('a later write failed');
        },
        idempotency: { userId: 'u1', key, claimToken: 'tok', response: { status: 201, body: {} } },
      }),
    ).rejects.toThrow('a later write failed');

    expect((await institution(id))?.['status']).toBe('rejected');
    expect(await sut.repository.findAsSystem(s.id)).toBeNull();
  });
});
