import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import {
  AUDIT_COLLECTION,
  AUDIT_GENESIS_HASH,
  chainHash,
  type StoredAuditEntry,
} from './audit-chain';
import { AuditLog, type AuditEntryInput, type AuditVerification } from './audit-log';

/** Head moves this many times under us (other instances appending) before we give up. */
const MAX_APPEND_ATTEMPTS = 50;
const DUPLICATE_KEY = 11000;
/** Verification reads in batches of this many rows; memory stays flat however long the log. */
const VERIFY_BATCH = 1000;

interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

function isDuplicateKey(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === DUPLICATE_KEY
  );
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
export class MongoAuditLog extends AuditLog implements OnModuleInit {
  private queue: Promise<unknown> = Promise.resolve();
  private indexes: Promise<unknown> | undefined;

  constructor(@InjectConnection() private readonly connection: Connection) {
    super();
  }

  async onModuleInit(): Promise<void> {
    await this.ensureIndexes();
  }

  override append(entry: AuditEntryInput): Promise<void> {
    const appended = this.queue.then(() => this.appendNow(entry));
    // The queue goes on after a failed append; the caller still sees the failure.
    this.queue = appended.catch(() => undefined);
    return appended;
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
      ])
      .catch((error: unknown) => {
        this.indexes = undefined; // let the next append try again
        throw error;
      });
    return this.indexes;
  }

  private async appendNow(input: AuditEntryInput): Promise<void> {
    await this.ensureIndexes();
    const at = new Date();
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
      };
      try {
        await this.collection().insertOne({ ...row, hash: chainHash(head.hash, row) });
        return;
      } catch (error) {
        if (!isDuplicateKey(error) || attempt >= MAX_APPEND_ATTEMPTS) throw error;
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

  private collection(): mongo.Collection {
    const db = this.connection.db;
    if (db === undefined) throw new Error('audit log used before the database connection opened');
    return db.collection(AUDIT_COLLECTION);
  }
}
