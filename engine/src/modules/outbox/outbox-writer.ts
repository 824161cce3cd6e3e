import type { OutboxEvent } from './outbox-event';

/**
 * Producer side of the outbox. An event is appended inside the caller's unit of work, so it is
 * stored if and only if the write it announces is (the transactional outbox).
 */
export abstract class OutboxWriter {
  /** Stores a new, unpublished event in the unit of work the caller runs in. */
  abstract append(event: OutboxEvent): Promise<void>;
}
