import { randomUUID } from 'node:crypto';
import { ApiError } from '../../common/errors';
import {
  IdempotencyTiming,
  IdempotentExecution,
  type IdempotentRequest,
} from './idempotent-execution';
import { InMemorySubmissionRepository } from './in-memory-submission.repository';
import type { StoredSubmission } from './submission.types';

const FAST: IdempotencyTiming = {
  waitMs: 200,
  firstPollMs: 2,
  maxPollMs: 10,
  staleAfterMs: 60_000,
};

function submission(id: string): StoredSubmission {
  const now = new Date();
  return {
    id,
    formKey: 'f',
    formVersion: 1,
    status: 'reported',
    revision: 1,
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
    reporter: { userId: 'u1', displayName: 'U' },
    prefilledBy: null,
    institutionId: 'c1',
    regionPath: ['440000'],
    patientIds: [],
    createdAt: now,
    updatedAt: now,
    reportedAt: now,
  };
}

function setup(timing: IdempotencyTiming = FAST) {
  const repository = new InMemorySubmissionRepository();
  const sut = new IdempotentExecution(repository, timing);
  let executions = 0;
  /** Work as the service does it: store a report and complete the key in one write. */
  const work =
    (request: IdempotentRequest, delayMs = 0) =>
    async (claimToken: string) => {
      executions++;
      await new Promise((done) => setTimeout(done, delayMs));
      const id = randomUUID();
      const response = { status: 201, body: { id } };
      await repository.insert({
        submission: submission(id),
        outbox: null,
        idempotency: { userId: request.userId, key: request.key, claimToken, response },
      });
      return response;
    };
  return { sut, repository, work, executions: () => executions };
}

const request = (requestHash = 'h1', userId = 'u1'): IdempotentRequest => ({
  userId,
  key: 'key-0001',
  requestHash,
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return `${error.getStatus()} ${error.code}`;
    throw error;
  }
  return 'resolved';
}

describe('IdempotentExecution', () => {
  it('given 20 concurrent identical requests, when run, then the work runs once and all 20 get the same response', async () => {
    const { sut, work, executions } = setup();

    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => sut.run(request(), work(request(), 20))),
    );

    expect(executions()).toBe(1);
    expect(new Set(outcomes.map((o) => JSON.stringify(o.response))).size).toBe(1);
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
  });

  it('given a completed key, when repeated with the same body, then the recorded response is replayed', async () => {
    const { sut, work, executions } = setup();
    const first = await sut.run(request(), work(request()));

    const again = await sut.run(request(), work(request()));

    expect(again).toEqual({ response: first.response, replayed: true });
    expect(executions()).toBe(1);
  });

  it('given a completed key, when reused with a different body, then 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const { sut, work } = setup();
    await sut.run(request('h1'), work(request('h1')));

    expect(await codeOf(sut.run(request('h2'), work(request('h2'))))).toBe(
      '409 IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('given the same key from another user, when run, then it is a separate key', async () => {
    const { sut, work, executions } = setup();
    await sut.run(request('h1', 'u1'), work(request('h1', 'u1')));

    await sut.run(request('h2', 'u2'), work(request('h2', 'u2')));

    expect(executions()).toBe(2);
  });

  it('given work that fails before commit, when run, then the key is released and a retry executes', async () => {
    const { sut, repository, work, executions } = setup();
    const failing = () =>
      Promise.reject(
        ApiError.single(422, 'SUBMISSION_INVALID', '/values/x', { zh: '错', en: 'bad' }),
      );

    expect(await codeOf(sut.run(request(), failing))).toBe('422 SUBMISSION_INVALID');
    expect(await repository.findKey('u1', 'key-0001')).toBeNull();
    await sut.run(request('h-corrected'), work(request('h-corrected')));
    expect(executions()).toBe(1);
  });

  it('given a first request still running past the wait, when repeated, then 409 IDEMPOTENCY_IN_PROGRESS', async () => {
    const { sut, work } = setup();
    const slow = sut.run(request(), work(request(), 400));

    expect(await codeOf(sut.run(request(), work(request())))).toBe('409 IDEMPOTENCY_IN_PROGRESS');
    await slow;
  });

  it('given a claim abandoned by a dead process, when repeated after the stale limit, then it is taken over and executed', async () => {
    const { sut, repository, work, executions } = setup({ ...FAST, waitMs: 20, staleAfterMs: 0 });
    await repository.claimKey({
      userId: 'u1',
      key: 'key-0001',
      requestHash: 'h1',
      claimToken: 'dead',
      claimedAt: new Date(0),
    });

    const outcome = await sut.run(request(), work(request()));

    expect(outcome.replayed).toBe(false);
    expect(executions()).toBe(1);
    expect((await repository.findKey('u1', 'key-0001'))?.state).toBe('completed');
  });
});
