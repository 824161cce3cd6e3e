import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ambientSession } from '../../database';
import { deadLetterReason } from './dead-letter-policy';
import type { OutboxEvent } from './outbox-event';
import { OutboxReader, type OutboxClaimOptions } from './outbox-reader';
import { OutboxWriter } from './outbox-writer';
import { OUTBOX_MODEL, type OutboxDocument } from './outbox.schema';

function toEvent({
  _id,
  leasedBy: _by,
  leasedUntil: _until,
  deadLetteredAt: _at,
  deadLetterReason: _reason,
  ...event
}: OutboxDocument): OutboxEvent {
  return { id: _id, ...event };
}

/** Inserts into `outbox` in the caller's unit of work (the transactional outbox). */
@Injectable()
export class MongoOutboxWriter extends OutboxWriter {
  constructor(@InjectModel(OUTBOX_MODEL) private readonly outbox: Model<OutboxDocument>) {
    super();
  }

  /**
   * Refuses to write outside a unit of work: an event committed apart from the record it announces
   * could announce a record that was rolled back, which is what a transactional outbox exists to rule out.
   */
  async append({ id, ...event }: OutboxEvent): Promise<void> {
    const session = ambientSession();
    if (session === undefined)
      throw new Error('outbox events are appended inside a unit of work (UnitOfWork.run)');
    await this.outbox.insertMany([{ _id: id, ...event }], { session });
  }
}

/**
 * Claims outbox events one by one with an atomic find-and-update, oldest first, so two consumers
 * never hold the same live lease; a lease that ran out (its consumer died) can be claimed again.
 */
@Injectable()
export class MongoOutboxReader extends OutboxReader {
  constructor(@InjectModel(OUTBOX_MODEL) private readonly outbox: Model<OutboxDocument>) {
    super();
  }

  async claim(options: OutboxClaimOptions): Promise<readonly OutboxEvent[]> {
    const now = options.now ?? new Date();
    const leasedUntil = new Date(now.getTime() + options.leaseMs);
    const claimed: OutboxEvent[] = [];
    while (claimed.length < options.limit) {
      const event = await this.outbox
        .findOneAndUpdate(
          {
            publishedAt: null,
            $or: [{ leasedUntil: null }, { leasedUntil: { $lte: now } }],
          },
          { $set: { leasedBy: options.consumer, leasedUntil }, $inc: { attempts: 1 } },
          { sort: { createdAt: 1, _id: 1 }, returnDocument: 'after' },
        )
        .lean<OutboxDocument>()
        .exec();
      if (event === null) break;
      claimed.push(toEvent(event));
    }
    return claimed;
  }

  async markPublished(eventIds: readonly string[], now: Date = new Date()): Promise<void> {
    if (eventIds.length === 0) return;
    await this.outbox
      .updateMany(
        { _id: { $in: [...eventIds] } },
        { $set: { publishedAt: now, leasedUntil: null } },
      )
      .exec();
  }

  async markDeadLettered(eventId: string, reason: string, now: Date = new Date()): Promise<void> {
    await this.outbox
      .updateOne(
        { _id: eventId },
        {
          $set: {
            publishedAt: now,
            leasedUntil: null,
            deadLetteredAt: now,
            deadLetterReason: deadLetterReason(reason),
          },
        },
      )
      .exec();
  }
}
