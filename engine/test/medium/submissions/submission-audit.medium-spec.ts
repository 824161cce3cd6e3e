import { AUDIT_COLLECTION } from '../../../src/modules/audit/audit-chain';
import type { AuditEntryInput } from '../../../src/modules/audit/audit-log';
import { newTimeOrderedId } from '../../../src/modules/submissions/submission-id';
import { IdempotencyClaimLostError } from '../../../src/modules/submissions/submission.repository';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { storedSubmission } from './submission-fixtures';
import { startSubmissions, type SubmissionsInstance } from './submissions-harness';

const entry = (id: string): AuditEntryInput => ({
  action: 'create',
  actor: 'u1',
  resource: 'submissions',
  resourceId: id,
  details: { formKey: 'patient-visit-report' },
});

/** "Every write appends to an audit log": the row commits with the write or not at all. */
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
      submission: storedSubmission({ id }),
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
        submission: storedSubmission({ id }),
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
