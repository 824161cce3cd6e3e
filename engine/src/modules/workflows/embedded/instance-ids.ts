import { createHash } from 'node:crypto';

/**
 * The instance id of (workflowKey, businessKey), formatted like a UUID. Derived rather than
 * random so that the `_id` index alone makes a repeated start collide: the same guarantee as a
 * unique (workflowKey, businessKey) index, without a second unique index to check on every
 * write (which the embedded development store does by scanning the collection).
 */
export function instanceIdFor(workflowKey: string, businessKey: string): string {
  const hex = createHash('sha256')
    .update(JSON.stringify([workflowKey, businessKey]))
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
