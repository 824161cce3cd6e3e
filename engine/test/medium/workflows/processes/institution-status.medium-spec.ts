import { getModelToken, MongooseModule } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import { Types, type Model } from 'mongoose';
import { UnitOfWork, UnitOfWorkModule } from '../../../../src/database';
import { AUDIT_COLLECTION } from '../../../../src/modules/audit/audit-chain';
import { AuditLog } from '../../../../src/modules/audit/audit-log';
import { MongoAuditLog } from '../../../../src/modules/audit/mongo-audit-log';
import { Clock, SystemClock } from '../../../../src/common/clock';
import {
  INSTITUTION_MODEL,
  InstitutionSchema,
  type InstitutionRecord,
} from '../../../../src/modules/institutions/institution.schema';
import { InstitutionStatusChanges } from '../../../../src/modules/institutions/institution-status-changes';
import { InstitutionStore } from '../../../../src/modules/institutions/institution-store';
import { MongoInstitutionStore } from '../../../../src/modules/institutions/mongo-institution-store';
import { StoredInstitutionDirectory } from '../../../../src/modules/institutions/stored-institution-directory';
import {
  InstitutionDirectory,
  InstitutionNotFoundError,
  InstitutionStatusRefusedError,
  type InstitutionStatus,
} from '../../../../src/modules/institutions/institution-directory';
import { RegionCatalog } from '../../../../src/modules/institutions/regions/region-catalog';
import {
  REGION_MODEL,
  RegionSchema,
} from '../../../../src/modules/institutions/regions/region.schema';
import { institutionStatusWorker } from '../../../../src/modules/workflows/processes/workers/institution-status.worker';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';

describe('institution status set by the system (medium)', () => {
  let database: TestDatabase;
  let moduleRef: TestingModule;
  let sut: InstitutionDirectory;
  let institutions: Model<InstitutionRecord>;
  let unitOfWork: UnitOfWork;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    moduleRef = await Test.createTestingModule({
      imports: [
        MongooseModule.forRoot(database.uri, { dbName: database.name }),
        MongooseModule.forFeature([
          { name: INSTITUTION_MODEL, schema: InstitutionSchema },
          { name: REGION_MODEL, schema: RegionSchema },
        ]),
        UnitOfWorkModule,
      ],
      providers: [
        RegionCatalog,
        { provide: AuditLog, useClass: MongoAuditLog },
        { provide: Clock, useClass: SystemClock },
        { provide: InstitutionStore, useClass: MongoInstitutionStore },
        InstitutionStatusChanges,
        { provide: InstitutionDirectory, useClass: StoredInstitutionDirectory },
      ],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    sut = moduleRef.get(InstitutionDirectory);
    institutions = moduleRef.get(getModelToken(INSTITUTION_MODEL));
    unitOfWork = moduleRef.get(UnitOfWork);
  });

  afterAll(async () => {
    await moduleRef.close();
    await database.drop();
  });

  let serial = 0;
  async function clinic(status: InstitutionStatus): Promise<string> {
    serial += 1;
    const _id = new Types.ObjectId();
    await institutions.create({
      _id,
      name: `状态诊所${serial}`,
      nameKey: `状态诊所${serial}`,
      type: 'clinic',
      address: { region: '441900003', detail: '东城街道 1 号' },
      insuranceDesignated: false,
      regionCode: '441900003',
      regionPath: ['440000', '441900', '441900003'],
      status,
      statusHistory: [],
      adminUserId: null,
      formVersion: 1,
    });
    return _id.toHexString();
  }

  const stored = (id: string) => institutions.findById(id).lean();
  const auditRows = (id: string) =>
    database.connection.collection(AUDIT_COLLECTION).find({ resourceId: id }).toArray();

  it('given a pending clinic, when approved by the system twice, then one change, one history entry and one chained audit row naming the source', async () => {
    const id = await clinic('pending');

    const first = await sut.setStatusBySystem(id, 'approved', null, 'system', {
      source: 'workflow:clinic-qualification-review:i-1',
    });
    const second = await sut.setStatusBySystem(id, 'approved', null, 'system');

    expect(first).toEqual({ from: 'pending', to: 'approved', changed: true });
    expect(second).toEqual({ from: 'approved', to: 'approved', changed: false });
    const record = await stored(id);
    expect(record?.status).toBe('approved');
    expect(record?.statusHistory).toEqual([
      expect.objectContaining({ status: 'approved', reason: null, actor: 'system' }),
    ]);
    const rows = await auditRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'update',
      actor: 'system',
      resource: 'institutions',
      details: {
        from: 'pending',
        to: 'approved',
        withReason: false,
        source: 'workflow:clinic-qualification-review:i-1',
      },
    });
  });

  it('given a rejected clinic, when it resubmits and is then approved, then it goes rejected → pending → approved; straight to approved is refused and writes nothing', async () => {
    const id = await clinic('rejected');

    await expect(sut.setStatusBySystem(id, 'approved', null, 'system')).rejects.toBeInstanceOf(
      InstitutionStatusRefusedError,
    );
    expect((await stored(id))?.status).toBe('rejected');
    expect(await auditRows(id)).toHaveLength(0);

    await sut.setStatusBySystem(id, 'pending', null, 'user-1', { source: 'submission:x' });
    await sut.setStatusBySystem(id, 'approved', null, 'system');

    expect((await stored(id))?.statusHistory.map((h) => h.status)).toEqual(['pending', 'approved']);
    expect((await auditRows(id)).map((r) => r['actor'])).toEqual(['user-1', 'system']);
  });

  it('given a caller transaction that aborts after the change, when read back, then neither the status nor an audit row remains', async () => {
    const id = await clinic('rejected');

    await expect(
      unitOfWork.run(async () => {
        await sut.setStatusBySystem(id, 'pending', null, 'user-1');
        throw new Error('the report insert failed');
      }),
    ).rejects.toThrow('the report insert failed');
    await moduleRef.get(AuditLog).flush();

    expect((await stored(id))?.status).toBe('rejected');
    expect(await auditRows(id)).toHaveLength(0);
  });

  it('given an unknown or malformed id, when set, then InstitutionNotFoundError', async () => {
    for (const id of [new Types.ObjectId().toHexString(), 'not-an-id']) {
      await expect(sut.setStatusBySystem(id, 'approved', null, 'system')).rejects.toBeInstanceOf(
        InstitutionNotFoundError,
      );
    }
  });

  it('given the institution-status worker on the real store, when a reject with a reason is delivered, then the clinic is rejected with that reason', async () => {
    const id = await clinic('pending');
    const worker = institutionStatusWorker(sut);

    await worker.handler({
      topic: 'institution-status',
      instanceId: 'i-2',
      workflowKey: 'clinic-qualification-review',
      businessKey: 's-2',
      activityId: 'setInstitutionStatus',
      idempotencyKey: 'i-2:e-1',
      variables: { decision: 'reject', reason: '执业许可证已过期' },
      scope: { institutionId: id, regionPath: ['440000', '441900', '441900003'] },
      attempt: 1,
    });

    expect(await stored(id)).toMatchObject({
      status: 'rejected',
      statusHistory: [expect.objectContaining({ status: 'rejected', reason: '执业许可证已过期' })],
    });
  });
});
