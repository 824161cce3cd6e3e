import { randomUUID } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { ApiError } from '../../common/errors';
import { SubmissionRepository, type IdempotencyRecord } from './submission.repository';
import type { RecordedResponse } from './submission.types';

/** How long a repeat waits for the first request, and when a claim counts as abandoned. */
export class IdempotencyTiming {
  /** A repeat arriving while the first is in flight polls this long before answering 409. */
  readonly waitMs: number = 5_000;
  readonly firstPollMs: number = 10;
  readonly maxPollMs: number = 100;
  /** A claim older than this belongs to a process that died before commit; it may be taken over. */
  readonly staleAfterMs: number = 60_000;
}

/** The request as idempotency sees it. */
export interface IdempotentRequest {
  readonly userId: string;
  readonly key: string;
  readonly requestHash: string;
}

/** The first execution's work: must store its response with the key through `claimToken`. */
export type IdempotentWork = (claimToken: string) => Promise<RecordedResponse>;

/** What the caller answers: the response, and whether it is a replay of an earlier one. */
export interface IdempotentOutcome {
  readonly response: RecordedResponse;
  readonly replayed: boolean;
}

const REUSED = {
  zh: '此 Idempotency-Key 已用于另一份不同的请求；新的上报请换一个新键',
  en: 'This Idempotency-Key was already used for a different request; use a new key for a new report',
};
const IN_PROGRESS = {
  zh: '使用同一 Idempotency-Key 的请求仍在处理中，请稍后重试',
  en: 'A request with this Idempotency-Key is still being processed; retry shortly',
};
const MAX_ROUNDS = 5;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Runs a write at most once per (user, key). The first request claims the key with a unique
 * insert and does the work, which completes the key in the same transaction as the write;
 * repeats with the same body get the recorded response, a different body gets 409. A repeat
 * that arrives while the first is in flight waits a bounded time. Any failure before commit
 * releases the key, so a corrected retry may use it.
 */
@Injectable()
export class IdempotentExecution {
  private readonly timing: IdempotencyTiming;

  constructor(
    private readonly repository: SubmissionRepository,
    @Optional() timing?: IdempotencyTiming,
  ) {
    this.timing = timing ?? new IdempotencyTiming();
  }

  async run(request: IdempotentRequest, work: IdempotentWork): Promise<IdempotentOutcome> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const claim = this.newClaim(request);
      const existing = await this.repository.claimKey(claim);
      if (existing === null)
        return { response: await this.execute(request, claim.claimToken, work), replayed: false };

      const settled = await this.awaitSettled(request, existing);
      if (settled === 'released') continue; // the first attempt failed; try to claim again
      if (settled.state === 'completed')
        return { response: this.replay(request, settled), replayed: true };
      // Still in progress after waiting: either a slow first request, or a dead one.
      if (Date.now() - settled.claimedAt.getTime() < this.timing.staleAfterMs) {
        throw ApiError.single(
          409,
          'IDEMPOTENCY_IN_PROGRESS',
          '/headers/idempotency-key',
          IN_PROGRESS,
        );
      }
      const takeover = this.newClaim(request);
      if (await this.repository.takeOverKey(takeover, settled.claimToken)) {
        return {
          response: await this.execute(request, takeover.claimToken, work),
          replayed: false,
        };
      }
    }
    throw ApiError.single(409, 'IDEMPOTENCY_IN_PROGRESS', '/headers/idempotency-key', IN_PROGRESS);
  }

  private newClaim(request: IdempotentRequest) {
    return {
      userId: request.userId,
      key: request.key,
      requestHash: request.requestHash,
      claimToken: randomUUID(),
      claimedAt: new Date(),
    };
  }

  private async execute(
    request: IdempotentRequest,
    claimToken: string,
    work: IdempotentWork,
  ): Promise<RecordedResponse> {
    try {
      return await work(claimToken);
    } catch (error) {
      await this.repository.releaseKey(request.userId, request.key, claimToken);
      throw error;
    }
  }

  /** Polls (backing off) until the record completes, disappears or the wait runs out. */
  private async awaitSettled(
    request: IdempotentRequest,
    first: IdempotencyRecord,
  ): Promise<IdempotencyRecord | 'released'> {
    this.assertSameRequest(request, first);
    let record = first;
    let pause = this.timing.firstPollMs;
    const deadline = Date.now() + this.timing.waitMs;
    while (record.state === 'in-progress' && Date.now() < deadline) {
      await sleep(Math.min(pause, Math.max(1, deadline - Date.now())));
      pause = Math.min(pause * 2, this.timing.maxPollMs);
      const next = await this.repository.findKey(request.userId, request.key);
      if (next === null) return 'released';
      this.assertSameRequest(request, next);
      record = next;
    }
    return record;
  }

  private replay(request: IdempotentRequest, record: IdempotencyRecord): RecordedResponse {
    this.assertSameRequest(request, record);
    if (record.response === null) throw new Error('completed idempotency key without a response');
    return record.response;
  }

  private assertSameRequest(request: IdempotentRequest, record: IdempotencyRecord): void {
    if (record.requestHash !== request.requestHash) {
      throw ApiError.single(409, 'IDEMPOTENCY_KEY_REUSED', '/headers/idempotency-key', REUSED);
    }
  }
}
