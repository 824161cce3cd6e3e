import { randomFillSync } from 'node:crypto';

/** Report ids are UUIDs: unguessable, and generated before encryption binds them. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_COUNTER = 0xfff;

let lastMs = 0;
let counter = 0;

/**
 * Random bytes drawn 4 KiB at a time, as node's randomUUID does: one call into the CSPRNG per
 * 512 ids instead of one per id, which showed up in the submission benchmark's profile.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

function randomEight(): Buffer {
  if (poolOffset + 8 > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 8);
  poolOffset += 8;
  return bytes;
}

/**
 * A UUIDv7 (RFC 9562): 48-bit milliseconds, a 12-bit counter that keeps ids made in the same
 * millisecond in order, then 62 random bits. Sorting by id is then creation order, which
 * breaks ties between reports (and outbox events) filed in the same millisecond.
 */
export function newTimeOrderedId(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = 0;
  } else if (++counter > MAX_COUNTER) {
    lastMs += 1; // borrow the next millisecond rather than repeat an order
    counter = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  randomEight().copy(bytes, 8);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** False for anything that cannot be a report id, so it is answered 404 without a query. */
export function isSubmissionId(value: string): boolean {
  return UUID.test(value);
}
