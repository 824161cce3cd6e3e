/**
 * The transactional outbox: events written with the change they announce, claimed under leases
 * by consumers, published once handled or dead-lettered after too many failed claims. Contracts
 * first and the Nest module last (ADR 0015), so a module importing this one while it is still
 * loading already finds the contracts defined.
 */
export {
  deadLetterDue,
  deadLetterReason,
  deliveryAttempts,
  MAX_DELIVERY_ATTEMPTS,
} from './dead-letter-policy';
export type { OutboxEvent } from './outbox-event';
export { OutboxReader, type OutboxClaimOptions } from './outbox-reader';
export { OutboxWriter } from './outbox-writer';
export { InMemoryOutbox } from './in-memory-outbox';
export { OutboxModule } from './outbox.module';
