import { Injectable, Optional } from '@nestjs/common';
import { AuditLog, type AuditEntryInput } from '../audit';
import { inScope, type DataScope } from '../../common/auth';
import type { SearchableKind } from './form-anatomy';
import { InMemoryOutbox, type OutboxReader } from '../outbox';
import {
  IdempotencyClaimLostError,
  SubmissionRepository,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type ReleaseOutcome,
  type SubmissionRelease,
  type SubmissionInsert,
  type SubmissionListQuery,
  type SubmissionPage,
  type SubmissionUpdate,
} from './submission.repository';
import type { StoredSubmission, WorkflowOutcome } from './submission.types';

const keyOf = (userId: string, key: string) => `${userId}/${key}`;

/**
 * The repository in process memory: unit tests and the benchmark (which measures the engine,
 * not the store). It takes ownership of what it is given (callers build fresh objects per
 * write and never touch them again) and hands out copies, so no reader can alter what is
 * "stored". Each method runs without an await in between, which makes it atomic in Node's
 * single thread.
 */
@Injectable()
export class InMemorySubmissionRepository extends SubmissionRepository {
  private readonly submissions = new Map<string, StoredSubmission>();
  private readonly keys = new Map<string, IdempotencyRecord>();
  private readonly events = new InMemoryOutbox();

  /** The outbox consumer view of the same memory. */
  readonly outbox: OutboxReader = this.events.reader;

  /** `audit` receives each write's entry as soon as the write is stored (no transactions here). */
  constructor(@Optional() private readonly audit?: AuditLog) {
    super();
  }

  claimKey(claim: IdempotencyClaim): Promise<IdempotencyRecord | null> {
    const id = keyOf(claim.userId, claim.key);
    const existing = this.keys.get(id);
    if (existing !== undefined) return Promise.resolve(structuredClone(existing));
    this.keys.set(id, { ...claim, state: 'in-progress', response: null });
    return Promise.resolve(null);
  }

  findKey(userId: string, key: string): Promise<IdempotencyRecord | null> {
    const record = this.keys.get(keyOf(userId, key));
    return Promise.resolve(record === undefined ? null : structuredClone(record));
  }

  takeOverKey(claim: IdempotencyClaim, staleToken: string): Promise<boolean> {
    const id = keyOf(claim.userId, claim.key);
    const existing = this.keys.get(id);
    if (existing?.state !== 'in-progress' || existing.claimToken !== staleToken) {
      return Promise.resolve(false);
    }
    this.keys.set(id, { ...claim, state: 'in-progress', response: null });
    return Promise.resolve(true);
  }

  releaseKey(userId: string, key: string, claimToken: string): Promise<void> {
    const id = keyOf(userId, key);
    const existing = this.keys.get(id);
    if (existing?.state === 'in-progress' && existing.claimToken === claimToken) {
      this.keys.delete(id);
    }
    return Promise.resolve();
  }

  insert(write: SubmissionInsert): Promise<void> {
    const { userId, key, claimToken, response } = write.idempotency;
    const id = keyOf(userId, key);
    const claim = this.keys.get(id);
    if (claim?.state !== 'in-progress' || claim.claimToken !== claimToken) {
      return Promise.reject(new IdempotencyClaimLostError());
    }
    if (this.submissions.has(write.submission.id)) {
      return Promise.reject(new Error(`duplicate submission id ${write.submission.id}`));
    }
    const store = () => {
      this.submissions.set(write.submission.id, write.submission);
      if (write.outbox !== null) this.events.push(write.outbox);
      this.keys.set(id, { ...claim, state: 'completed', response });
      return this.record(write.audit);
    };
    // No transactions here: a side effect runs first, so its failure stores nothing.
    return write.sideEffect === undefined ? store() : write.sideEffect().then(store);
  }

  private async record(entry: AuditEntryInput | undefined): Promise<void> {
    if (entry !== undefined) await this.audit?.append(entry);
  }

  update(write: SubmissionUpdate): Promise<boolean> {
    const current = this.submissions.get(write.submission.id);
    if (current?.revision !== write.expectedRevision) return Promise.resolve(false);
    const store = () => {
      this.submissions.set(write.submission.id, write.submission);
      if (write.outbox !== null) this.events.push(write.outbox);
      return this.record(write.audit).then(() => true);
    };
    return write.sideEffect === undefined ? store() : write.sideEffect().then(store);
  }

  findAsSystem(id: string): Promise<StoredSubmission | null> {
    const found = this.submissions.get(id);
    return Promise.resolve(found === undefined ? null : structuredClone(found));
  }

  release(write: SubmissionRelease): Promise<ReleaseOutcome> {
    const current = this.submissions.get(write.submissionId);
    if (current === undefined) return Promise.resolve({ found: false, released: false });
    if (current.releaseKey === write.key) return Promise.resolve({ found: true, released: false });
    this.submissions.set(write.submissionId, {
      ...current,
      patientIds: [...new Set([...current.patientIds, ...write.patientIds])],
      releasedAt: write.at,
      releaseKey: write.key,
      revision: current.revision + 1,
    });
    return this.record(write.audit).then(() => ({ found: true, released: true }));
  }

  recordWorkflowOutcome(
    submissionId: string,
    workflowKey: string,
    outcome: WorkflowOutcome,
  ): Promise<boolean> {
    const current = this.submissions.get(submissionId);
    if (current === undefined) return Promise.resolve(false);
    this.submissions.set(submissionId, {
      ...current,
      workflowOutcomes: { ...current.workflowOutcomes, [workflowKey]: outcome },
    });
    return Promise.resolve(true);
  }

  findById(id: string, scope: DataScope): Promise<StoredSubmission | null> {
    const found = this.submissions.get(id);
    return Promise.resolve(
      found !== undefined && inScope(scope, found) ? structuredClone(found) : null,
    );
  }

  list(query: SubmissionListQuery): Promise<SubmissionPage> {
    const matching = this.newestFirst().filter(
      (s) =>
        inScope(query.scope, s) &&
        query.statuses.includes(s.status) &&
        (query.formKey === undefined || s.formKey === query.formKey) &&
        (query.from === undefined || s.createdAt >= query.from) &&
        (query.until === undefined || s.createdAt < query.until) &&
        (query.reporterId === undefined || s.reporter.userId === query.reporterId) &&
        (query.flag === undefined || s.outcome.derived[query.flag] === true),
    );
    return Promise.resolve({
      items: matching.slice(query.skip, query.skip + query.limit).map((s) => structuredClone(s)),
      total: matching.length,
    });
  }

  findByBlindTokens(
    scope: DataScope,
    tokens: Partial<Record<SearchableKind, string>>,
    limit: number,
  ): Promise<readonly StoredSubmission[]> {
    const wanted = Object.entries(tokens) as [SearchableKind, string][];
    const found = this.newestFirst()
      .filter(
        (s) => inScope(scope, s) && wanted.some(([kind, token]) => s.blind[kind].includes(token)),
      )
      .slice(0, limit);
    return Promise.resolve(found.map((s) => structuredClone(s)));
  }

  private newestFirst(): StoredSubmission[] {
    return [...this.submissions.values()].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
    );
  }
}
