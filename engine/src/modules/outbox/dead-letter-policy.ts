import type { OutboxEvent } from './outbox-event';

/** Claims of one event before it is dead-lettered (with a 60 s lease: about ten minutes). */
export const MAX_DELIVERY_ATTEMPTS = 10;
/** A dead-letter reason is kept to this many characters (an error message, never values). */
const MAX_REASON_LENGTH = 500;

/** How many times the event has been claimed, counting the claim in hand. */
export function deliveryAttempts(event: OutboxEvent): number {
  return event.attempts ?? 1;
}

/**
 * Whether a consumer that failed to handle the event should give up on it now rather than let
 * its lease run out and try again: after MAX_DELIVERY_ATTEMPTS claims.
 */
export function deadLetterDue(event: OutboxEvent): boolean {
  return deliveryAttempts(event) >= MAX_DELIVERY_ATTEMPTS;
}

/** The reason as stored on a dead-lettered event. */
export function deadLetterReason(reason: string): string {
  return reason.slice(0, MAX_REASON_LENGTH);
}
