import { AUDIT_COLLECTION } from '../../../src/modules/audit/audit-chain';
import type { AuditEntryInput } from '../../../src/modules/audit/audit-log';
import { newTimeOrderedId } from '../../../src/modules/submissions/submission-id';
import { IdempotencyClaimLostError } from '../../../src/modules/submissions/submission.repository';
import type { StoredSubmission } from '../../../src/modules/submissions/submission.types';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { startSubmissions, type SubmissionsInstance } from './submissions-harness';

/** "Every write appends to an audit log": the row commits with the write or not at all. */
function report(id: string): StoredSubmission {
  const now = new Date();
  return {
    id,
    formKey: 'patient-visit-report',
    formVersion: 1,
    status: 'reported',
    revision: 0,
    values: {},
    blind: { idNumber: [], phone: [], name: [] },
    outcome: {
      valid: true,
      warnings: [],
      effects: { visible: {}, required: {}, readonly: {} },
      derived: {},
      issues: [],
    },
    parameters: {},
    dictionaryVersions: {},
    reporter: { userId: 'u1', displayName: '张*' },
    prefilledBy: null,
    institutionId: 'clinic-a',
    regionPath: ['440000', '441900', '441900003'],
    patientIds: [],
    createdAt: now,
    updatedAt: now,
    reportedAt: now,
  };
}

const entry = (id: string): AuditEntryInput => ({
  action: 'create',
  actor: 'u1',
  resource: 'submissions',
  resourceId: id,
  details: { formKey: 'patient-visit-report' },
});

describe('submission audit rows commit with the submission', () => {
  let database: TestDatabase;
  let sut: SubmissionsInstance;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    sut = await startSubmissions(database, { chain: true });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  const auditRows = (id: string) =>
    database.connection.collection(AUDIT_COLLECTION).countDocuments({ resourceId: id });
  const claim = (key: string, claimToken: string) =>
    sut.repository.claimKey({
      userId: 'u1',
      key,
      requestHash: 'h',
      claimToken,
      claimedAt: new Date(),
    });

  it('given an accepted insert, when flushed, then exactly one chained audit row names it', async () => {
    const id = newTimeOrderedId();
    await claim('audit-key-0001', 'tok');

    await sut.repository.insert({
      submission: report(id),
      outbox: null,
      audit: entry(id),
      idempotency: {
        userId: 'u1',
        key: 'audit-key-0001',
        claimToken: 'tok',
        response: { status: 201, body: {} },
      },
    });
    await sut.auditLog.flush();
    expect(await auditRows(id)).toBe(1);
  });

  it('given an insert that aborts (its idempotency claim was lost), when flushed, then no audit row exists', async () => {
    const id = newTimeOrderedId();
    await claim('audit-key-0002', 'live');

    await expect(
      sut.repository.insert({
        submission: report(id),
        outbox: null,
        audit: entry(id),
        idempotency: {
          userId: 'u1',
          key: 'audit-key-0002',
          claimToken: 'stale',
          response: { status: 201, body: {} },
        },
      }),
    ).rejects.toBeInstanceOf(IdempotencyClaimLostError);

    await sut.auditLog.flush();
    expect(await auditRows(id)).toBe(0);
    expect(await database.connection.collection('audit_intents').countDocuments()).toBe(0);
  });
});
