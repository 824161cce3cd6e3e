import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { mongo, type Connection } from 'mongoose';
import { ambientSession, isDuplicateKeyError } from '../../database';
import {
  AUDIT_COLLECTION,
  AUDIT_GENESIS_HASH,
  chainHash,
  type StoredAuditEntry,
} from './audit-chain';
import { AuditLog, type AuditEntryInput, type AuditVerification } from './audit-log';

/** Head moves this many times under us (other instances appending) before we give up. */
const MAX_APPEND_ATTEMPTS = 50;
/** Committed intents left behind (a crash between commit and flush) are chained this often. */
const INTENT_SWEEP_MS = 2000;
/** Intents written inside callers' transactions, waiting to join the chain. */
const INTENT_COLLECTION = 'audit_intents';
/** Verification reads in batches of this many rows; memory stays flat however long the log. */
const VERIFY_BATCH = 1000;

interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** Only flat scalars: the contract says details are small and never personal values. */
function copyDetails(details: AuditEntryInput['details']): StoredAuditEntry['details'] {
  const copy: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw new TypeError(`audit details.${key} must be a string, number, boolean or null`);
    }
    copy[key] = value;
  }
  return copy;
}

/**
 * The audit chain on MongoDB. Appends are serialised twice: in this process by a promise queue,
 * and across instances by the unique index on `seq` (insert head+1; on a duplicate key another
 * instance got there first, so re-read the head and try again). Rows are never updated or
 * deleted by the engine, and there is no TTL index: retention is at least 180 days and
 * archiving older rows is an operator task outside the engine.
 */
@Injectable()
export class MongoAuditLog extends AuditLog implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AuditLog');
  private queue: Promise<unknown> = Promise.resolve();
  private indexes: Promise<unknown> | undefined;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(@InjectConnection() private readonly connection: Connection) {
    super();
  }

  async onModuleInit(): Promise<void> {
    await this.ensureIndexes();
    await this.flush(); // intents a crash left between commit and flush
    this.sweeper = setInterval(() => {
      this.flush().catch((error: unknown) =>
        this.logger.error({ err: error }, 'chaining committed audit intents failed'),
      );
    }, INTENT_SWEEP_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  override append(entry: AuditEntryInput): Promise<void> {
    return this.enqueue(() => this.appendNow(entry, new Date()));
  }

  override async appendInTransaction(entry: AuditEntryInput): Promise<void> {
    await this.intents().insertOne(
      {
        _id: new mongo.ObjectId(),
        at: new Date(),
        entry: { ...entry, details: copyDetails(entry.details) },
      },
      { session: ambientSession() },
    );
  }

  override flush(): Promise<void> {
    return this.enqueue(() => this.chainIntents());
  }

  /** One append or flush at a time in this process; the queue goes on after a failure. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    const done = this.queue.then(work);
    this.queue = done.catch(() => undefined);
    return done;
  }

  /**
   * Moves committed intents into the chain, oldest first. The chain row carries the intent's id
   * under a unique index, so an intent chained before a crash (but not yet deleted) is skipped,
   * never chained twice, when this runs again here or in another instance.
   */
  private async chainIntents(): Promise<void> {
    await this.ensureIndexes();
    const intents = await this.intents()
      .find({}, { sort: { _id: 1 }, limit: 500 })
      .toArray();
    for (const intent of intents) {
      const id = String(intent['_id']);
      await this.appendNow(intent['entry'] as AuditEntryInput, intent['at'] as Date, id);
      await this.intents().deleteOne({ _id: intent['_id'] });
    }
  }

  override async verify(): Promise<AuditVerification> {
    let expectedSeq = 1;
    let prevHash = AUDIT_GENESIS_HASH;
    const cursor = this.collection().find({}, { sort: { seq: 1 }, batchSize: VERIFY_BATCH });
    const broken = (seq: number, reason: string): AuditVerification => ({
      ok: false,
      entries: expectedSeq - 1,
      firstBrokenSeq: seq,
      reason,
    });
    try {
      for await (const row of cursor) {
        if (row['seq'] !== expectedSeq) {
          return broken(
            expectedSeq,
            typeof row['seq'] === 'number' && row['seq'] > expectedSeq
              ? `entry ${expectedSeq} is missing (the next stored entry is ${row['seq']})`
              : `expected entry ${expectedSeq}, found seq ${JSON.stringify(row['seq'])}`,
          );
        }
        if (row['prevHash'] !== prevHash) {
          return broken(expectedSeq, 'prevHash does not link to the previous entry');
        }
        if (row['hash'] !== chainHash(prevHash, row)) {
          return broken(expectedSeq, 'hash does not match the entry content');
        }
        prevHash = row['hash'];
        expectedSeq += 1;
      }
    } finally {
      await cursor.close();
    }
    return { ok: true, entries: expectedSeq - 1, headHash: prevHash };
  }

  /** Unique `seq` is what serialises instances; the others serve the admin search. */
  private ensureIndexes(): Promise<unknown> {
    this.indexes ??= this.collection()
      .createIndexes([
        { key: { seq: 1 }, name: 'seq_unique', unique: true },
        { key: { actor: 1, seq: -1 }, name: 'actor_seq' },
        { key: { action: 1, seq: -1 }, name: 'action_seq' },
        { key: { resource: 1, seq: -1 }, name: 'resource_seq' },
        { key: { at: 1 }, name: 'at' },
        {
          key: { intentId: 1 },
          name: 'intent_unique',
          unique: true,
          sparse: true, // ordinary appends have no intentId
        },
      ])
      .catch((error: unknown) => {
        this.indexes = undefined; // let the next append try again
        throw error;
      });
    return this.indexes;
  }

  private async appendNow(input: AuditEntryInput, at: Date, intentId?: string): Promise<void> {
    await this.ensureIndexes();
    const details = copyDetails(input.details);
    for (let attempt = 1; ; attempt += 1) {
      const head = await this.readHead();
      const row: Omit<StoredAuditEntry, 'hash'> = {
        seq: head.seq + 1,
        at,
        action: input.action,
        actor: input.actor,
        resource: input.resource,
        resourceId: input.resourceId ?? null,
        outcome: input.outcome ?? 'success',
        details,
        ip: input.ip ?? null,
        prevHash: head.hash,
        ...(intentId === undefined ? {} : { intentId }),
      };
      try {
        await this.collection().insertOne({ ...row, hash: chainHash(head.hash, row) });
        return;
      } catch (error) {
        if (intentId !== undefined && isDuplicateKeyError(error, { on: 'intentId' })) return; // chained before
        if (!isDuplicateKeyError(error) || attempt >= MAX_APPEND_ATTEMPTS) throw error;
        // Another instance appended first: back off a little so instances do not collide in step.
        await new Promise((done) => setTimeout(done, Math.random() * 5 * attempt));
      }
    }
  }

  private async readHead(): Promise<ChainHead> {
    const head = await this.collection().findOne(
      {},
      { sort: { seq: -1 }, projection: { _id: 0, seq: 1, hash: 1 } },
    );
    return head === null
      ? { seq: 0, hash: AUDIT_GENESIS_HASH }
      : { seq: Number(head['seq']), hash: String(head['hash']) };
  }

  private intents(): mongo.Collection {
    const db = this.connection.db;
    if (db === undefined) throw new Error('audit log used before the database connection opened');
    return db.collection(INTENT_COLLECTION);
  }

  private collection(): mongo.Collection {
    const db = this.connection.db;
    if (db === undefined) throw new Error('audit log used before the database connection opened');
    return db.collection(AUDIT_COLLECTION);
  }
}
