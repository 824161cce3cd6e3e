import { randomUUID } from 'node:crypto';
import { ambientSession } from '../../../src/database';
import { InMemorySubmissionRepository } from '../../../src/modules/submissions/in-memory-submission.repository';
import type { OutboxEvent, OutboxReader } from '../../../src/modules/outbox';
import {
  IdempotencyClaimLostError,
  type SubmissionRepository,
} from '../../../src/modules/submissions/submission.repository';
import type { StoredSubmission } from '../../../src/modules/submissions/submission.types';
import { newTimeOrderedId } from '../../../src/modules/submissions/submission-id';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { storedSubmission } from './submission-fixtures';
import { startSubmissions, type SubmissionsInstance } from './submissions-harness';

function event(s: StoredSubmission): OutboxEvent {
  return {
    id: newTimeOrderedId(),
    type: 'submission.accepted',
    submissionId: s.id,
    formKey: s.formKey,
    formVersion: s.formVersion,
    status: 'reported',
    institutionId: s.institutionId,
    regionPath: s.regionPath,
    derived: s.outcome.derived,
    createdAt: s.createdAt,
    publishedAt: null,
  };
}

/** Claims a fresh key and inserts a report with its event through it. */
async function store(
  repository: SubmissionRepository,
  s: StoredSubmission = storedSubmission(),
): Promise<StoredSubmission> {
  const key = `key-${randomUUID()}`;
  const claimToken = randomUUID();
  await repository.claimKey({
    userId: 'u1',
    key,
    requestHash: 'h',
    claimToken,
    claimedAt: new Date(),
  });
  await repository.insert({
    submission: s,
    outbox: event(s),
    idempotency: { userId: 'u1', key, claimToken, response: { status: 201, body: { id: s.id } } },
  });
  return s;
}

/** The same behaviour from both adapters: the benchmark's in-memory one must not flatter the engine. */
describe.each([
  ['mongo', 'mongo'],
  ['in-memory', 'memory'],
] as const)('SubmissionRepository and OutboxReader (%s)', (_, kind) => {
  let database: TestDatabase;
  let mongo: SubmissionsInstance | undefined;
  let repository: SubmissionRepository;
  let outbox: OutboxReader;

  beforeAll(async () => {
    if (kind === 'mongo') {
      database = await createTestDatabase(__filename);
      mongo = await startSubmissions(database);
    }
  });

  beforeEach(async () => {
    if (mongo === undefined) {
      const memory = new InMemorySubmissionRepository();
      repository = memory;
      outbox = memory.outbox;
      return;
    }
    for (const name of ['submissions', 'outbox', 'idempotency_keys'] as const)
      await mongo.collection(name).deleteMany({});
    repository = mongo.repository;
    outbox = mongo.outbox;
  });

  afterAll(async () => {
    if (mongo !== undefined) {
      await mongo.close();
      await database.drop();
    }
  });

  it('given a claimed key, when claimed again, then the existing record is returned', async () => {
    const claim = {
      userId: 'u1',
      key: 'key-aaaa1111',
      requestHash: 'h',
      claimToken: 't1',
      claimedAt: new Date(),
    };

    expect(await repository.claimKey(claim)).toBeNull();
    expect(await repository.claimKey({ ...claim, claimToken: 't2' })).toMatchObject({
      state: 'in-progress',
      claimToken: 't1',
    });
  });

  it('given a key held by another claim, when inserting through a stale token, then nothing is written', async () => {
    const s = storedSubmission();
    await repository.claimKey({
      userId: 'u1',
      key: 'key-bbbb2222',
      requestHash: 'h',
      claimToken: 'live',
      claimedAt: new Date(),
    });

    await expect(
      repository.insert({
        submission: s,
        outbox: event(s),
        idempotency: {
          userId: 'u1',
          key: 'key-bbbb2222',
          claimToken: 'stale',
          response: { status: 201, body: {} },
        },
      }),
    ).rejects.toBeInstanceOf(IdempotencyClaimLostError);
    expect(
      await repository.findById(s.id, { kind: 'institution', institutionId: 'clinic-a' }),
    ).toBeNull();
    expect(await outbox.claim({ consumer: 'c', limit: 10, leaseMs: 1000 })).toEqual([]);
  });

  it('given an insert that fails inside the transaction, when it aborts, then neither event nor completed key remain', async () => {
    const s = await store(repository);
    await repository.claimKey({
      userId: 'u1',
      key: 'key-cccc3333',
      requestHash: 'h',
      claimToken: 'tok',
      claimedAt: new Date(),
    });

    // The same report id again: the submission insert fails after the key update and the event.
    await expect(
      repository.insert({
        submission: s,
        outbox: event(s),
        idempotency: {
          userId: 'u1',
          key: 'key-cccc3333',
          claimToken: 'tok',
          response: { status: 201, body: {} },
        },
      }),
    ).rejects.toThrow();

    expect(await repository.findKey('u1', 'key-cccc3333')).toMatchObject({ state: 'in-progress' });
    const events = await outbox.claim({ consumer: 'c', limit: 10, leaseMs: 1000 });
    expect(events.map((e) => e.submissionId)).toEqual([s.id]); // only the first insert's event
  });

  it('given a stale revision, when updating, then false and the stored report is unchanged', async () => {
    const s = await store(repository, storedSubmission({ status: 'pending', reportedAt: null }));

    expect(
      await repository.update({
        submission: { ...s, revision: 2, status: 'reported' },
        expectedRevision: 1,
        outbox: null,
      }),
    ).toBe(true);
    expect(
      await repository.update({
        submission: { ...s, revision: 2, status: 'draft' },
        expectedRevision: 1,
        outbox: null,
      }),
    ).toBe(false);
    expect(
      (await repository.findById(s.id, { kind: 'institution', institutionId: 'clinic-a' }))?.status,
    ).toBe('reported');
  });

  it('given scopes, when finding by id, then only the institution, its region chain or a listed patient sees it', async () => {
    const s = await store(repository, storedSubmission({ patientIds: ['p1'] }));

    for (const scope of [
      { kind: 'institution', institutionId: 'clinic-a' },
      { kind: 'region', regionCode: '441900' },
      { kind: 'patient', patientId: 'p1' },
    ] as const) {
      expect((await repository.findById(s.id, scope))?.id).toBe(s.id);
    }
    for (const scope of [
      { kind: 'institution', institutionId: 'clinic-b' },
      { kind: 'region', regionCode: '440100' },
      { kind: 'patient', patientId: 'p2' },
      { kind: 'none' },
    ] as const) {
      expect(await repository.findById(s.id, scope)).toBeNull();
    }
  });

  it('given a report, when released twice under one key and once under another, then the patients are a set, the first release per key writes and audits, and the system read sees it', async () => {
    const s = await store(repository, storedSubmission({ patientIds: ['p1'] }));
    const release = (key: string, patientIds: string[]) =>
      repository.release({
        submissionId: s.id,
        patientIds,
        key,
        at: new Date('2026-03-01T08:00:00Z'),
        audit: { action: 'update', actor: 'system', resource: 'submissions', resourceId: s.id },
      });

    expect(await release('job-1', ['p1', 'p2'])).toEqual({ found: true, released: true });
    expect(await release('job-1', ['p3'])).toEqual({ found: true, released: false });
    expect(await release('job-2', ['p2'])).toEqual({ found: true, released: true });
    expect(
      await repository.release({
        submissionId: 'missing',
        patientIds: ['p1'],
        key: 'job-1',
        at: new Date(),
        audit: { action: 'update', actor: 'system', resource: 'submissions' },
      }),
    ).toEqual({ found: false, released: false });

    const found = await repository.findAsSystem(s.id);
    expect(found).toMatchObject({ patientIds: ['p1', 'p2'], releaseKey: 'job-2', revision: 3 });
    expect(found?.releasedAt?.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect((await repository.findById(s.id, { kind: 'patient', patientId: 'p2' }))?.id).toBe(s.id);
    expect(await repository.findAsSystem('missing')).toBeNull();
  });

  it('given a side effect that fails, when inserting, then nothing is stored and the key stays claimed', async () => {
    const s = storedSubmission();
    await repository.claimKey({
      userId: 'u1',
      key: 'key-side-effect',
      requestHash: 'h',
      claimToken: 'tok',
      claimedAt: new Date(),
    });
    const seen: boolean[] = [];

    await expect(
      repository.insert({
        submission: s,
        outbox: event(s),
        sideEffect: () => {
          // Inside the write's transaction on the store; the in-memory adapter has none.
          seen.push(ambientSession() !== undefined);
          return Promise.reject(new Error('institution store down'));
        },
        idempotency: {
          userId: 'u1',
          key: 'key-side-effect',
          claimToken: 'tok',
          response: { status: 201, body: {} },
        },
      }),
    ).rejects.toThrow('institution store down');

    expect(seen).toEqual([kind === 'mongo']);
    expect(await repository.findAsSystem(s.id)).toBeNull();
    expect(await outbox.claim({ consumer: 'c', limit: 10, leaseMs: 1000 })).toEqual([]);
    expect(await repository.findKey('u1', 'key-side-effect')).toMatchObject({
      state: 'in-progress',
    });
  });

  it('given tokens, when searching the blind index, then any kind matches within scope, newest first', async () => {
    const older = await store(
      repository,
      storedSubmission({ createdAt: new Date(Date.now() - 1000) }),
    );
    const newer = await store(
      repository,
      storedSubmission({ blind: { idNumber: ['tok-id'], phone: [], name: [] } }),
    );
    await store(repository, storedSubmission({ institutionId: 'clinic-b' }));

    const found = await repository.findByBlindTokens(
      { kind: 'institution', institutionId: 'clinic-a' },
      { phone: 'tok-phone', idNumber: 'tok-id' },
      10,
    );

    expect(found.map((s) => s.id)).toEqual([newer.id, older.id]);
  });

  it('given a process outcome, when recorded twice and for an unknown report, then it is kept once under its workflow key and the unknown one reports false', async () => {
    const s = await store(repository);
    const outcome = { decision: 'approve', reason: null, endedAt: new Date() };

    expect(await repository.recordWorkflowOutcome(s.id, 'institution-info-review', outcome)).toBe(
      true,
    );
    expect(await repository.recordWorkflowOutcome(s.id, 'institution-info-review', outcome)).toBe(
      true,
    );
    expect(
      await repository.recordWorkflowOutcome('01a2000000000000000000000000', 'x', outcome),
    ).toBe(false);

    const stored = await repository.findAsSystem(s.id);
    expect(stored?.workflowOutcomes).toEqual({ 'institution-info-review': outcome });
    expect(stored?.revision).toBe(s.revision);
  });

  it('given an event claimed again after its lease, when counted and then dead-lettered, then attempts grow and it is never claimed again', async () => {
    await store(repository);
    const now = new Date();

    const first = await outbox.claim({ consumer: 'c', limit: 1, leaseMs: 1000, now });
    const later = new Date(now.getTime() + 2000);
    const second = await outbox.claim({ consumer: 'c', limit: 1, leaseMs: 1000, now: later });
    await outbox.markDeadLettered(second[0]!.id, 'Error: no workflow runtime', later);

    expect(first[0]?.attempts).toBe(1);
    expect(second[0]?.attempts).toBe(2);
    const afterwards = new Date(later.getTime() + 5000);
    expect(await outbox.claim({ consumer: 'c', limit: 1, leaseMs: 1000, now: afterwards })).toEqual(
      [],
    );
  });

  it('given three events, when two consumers claim, then they get them in order without overlap; after publishing none returns', async () => {
    const stored = [await store(repository), await store(repository), await store(repository)];

    const first = await outbox.claim({ consumer: 'c1', limit: 2, leaseMs: 60_000 });
    const second = await outbox.claim({ consumer: 'c2', limit: 2, leaseMs: 60_000 });
    await outbox.markPublished([...first, ...second].map((e) => e.id));

    expect(first.map((e) => e.submissionId)).toEqual([stored[0]!.id, stored[1]!.id]);
    expect(second.map((e) => e.submissionId)).toEqual([stored[2]!.id]);
    expect(first[0]).toMatchObject({
      type: 'submission.accepted',
      status: 'reported',
      publishedAt: null,
      derived: { fever: false },
    });
    expect(
      await outbox.claim({
        consumer: 'c3',
        limit: 10,
        leaseMs: 1,
        now: new Date(Date.now() + 3_600_000),
      }),
    ).toEqual([]);
  });

  it('given a claimed event whose consumer died, when the lease runs out, then another consumer claims it again', async () => {
    await store(repository);
    const now = new Date();
    await outbox.claim({ consumer: 'dead', limit: 1, leaseMs: 1000, now });

    expect(await outbox.claim({ consumer: 'c2', limit: 1, leaseMs: 1000, now })).toEqual([]);
    expect(
      await outbox.claim({
        consumer: 'c2',
        limit: 1,
        leaseMs: 1000,
        now: new Date(now.getTime() + 1001),
      }),
    ).toHaveLength(1);
  });
});
