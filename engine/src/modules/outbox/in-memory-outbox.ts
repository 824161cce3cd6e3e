import type { OutboxEvent } from './outbox-event';
import { OutboxReader, type OutboxClaimOptions } from './outbox-reader';
import { OutboxWriter } from './outbox-writer';

interface LeasedEvent {
  event: OutboxEvent;
  leasedUntil: number;
}

/**
 * The outbox in process memory, for the in-memory submission repository (unit tests and the
 * benchmark). `push` stores synchronously, so a caller that stores its own write in the same
 * tick keeps the two atomic in Node's single thread.
 */
export class InMemoryOutbox extends OutboxWriter {
  /** In creation order, which is the order events are claimed in. */
  private readonly events: LeasedEvent[] = [];
  /** The consumer view of the same memory. */
  readonly reader: OutboxReader = new InMemoryOutboxReader(this.events);

  push(event: OutboxEvent): void {
    this.events.push({ event, leasedUntil: 0 });
  }

  append(event: OutboxEvent): Promise<void> {
    this.push(event);
    return Promise.resolve();
  }
}

/** Outbox consumer over the in-memory event list. */
class InMemoryOutboxReader extends OutboxReader {
  constructor(private readonly events: LeasedEvent[]) {
    super();
  }

  claim(options: OutboxClaimOptions): Promise<readonly OutboxEvent[]> {
    const now = (options.now ?? new Date()).getTime();
    const claimed: OutboxEvent[] = [];
    for (const leased of this.events) {
      if (claimed.length >= options.limit) break;
      if (leased.event.publishedAt !== null || leased.leasedUntil > now) continue;
      leased.leasedUntil = now + options.leaseMs;
      leased.event = { ...leased.event, attempts: (leased.event.attempts ?? 0) + 1 };
      claimed.push(structuredClone(leased.event));
    }
    return Promise.resolve(claimed);
  }

  markPublished(eventIds: readonly string[], now: Date = new Date()): Promise<void> {
    const ids = new Set(eventIds);
    for (const leased of this.events) {
      if (ids.has(leased.event.id)) leased.event = { ...leased.event, publishedAt: now };
    }
    return Promise.resolve();
  }

  markDeadLettered(eventId: string, _reason: string, now: Date = new Date()): Promise<void> {
    return this.markPublished([eventId], now);
  }
}
