import type { OutboxEvent } from './outbox-event';

/** Options of one claim: who claims, how many, and how long the claim keeps others away. */
export interface OutboxClaimOptions {
  /** Identifies the consumer (e.g. a worker id) in the stored lease, for diagnosis. */
  readonly consumer: string;
  readonly limit: number;
  /** After this long an unpublished claimed event may be claimed again (its consumer died). */
  readonly leaseMs: number;
  readonly now?: Date;
}

/**
 * Consumer side of the outbox (the submissions module writes it through OutboxWriter in the same
 * transaction as each accepted report). Delivery is at least once: a consumer claims events in creation order,
 * handles them, then marks them published; events of a consumer that died are claimed again
 * once the lease runs out, so handlers must be idempotent (key them on the event id).
 */
export abstract class OutboxReader {
  /** Oldest unpublished events not under another live lease, now leased to `consumer`. */
  abstract claim(options: OutboxClaimOptions): Promise<readonly OutboxEvent[]>;
  /** Marks events published; they are never claimed again. */
  abstract markPublished(eventIds: readonly string[], now?: Date): Promise<void>;
  /**
   * Gives up on an event its consumer could not handle after many claims: it is never claimed
   * again and keeps why (no personal values), for an operator to look at.
   */
  abstract markDeadLettered(eventId: string, reason: string, now?: Date): Promise<void>;
}
