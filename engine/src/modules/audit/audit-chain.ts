import { sm3Hex } from '../../crypto';
import type { AuditAction } from './audit-log';

/** Collection holding the chain; never given a TTL index (entries are kept at least 180 days). */
export const AUDIT_COLLECTION = 'audit_log';

/** h_0: the chain starts from a fixed, documented value so an empty log has a known head. */
export const AUDIT_GENESIS_LABEL = 'sentinel/audit-log/v1/genesis';
export const AUDIT_GENESIS_HASH = sm3Hex(AUDIT_GENESIS_LABEL);

/** One row of `audit_log` as stored (plus the driver's `_id`, which is not hashed). */
export interface StoredAuditEntry {
  readonly seq: number;
  readonly at: Date;
  readonly action: AuditAction;
  readonly actor: string;
  readonly resource: string;
  readonly resourceId: string | null;
  readonly outcome: 'success' | 'failure';
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
  readonly ip: string | null;
  /** Set when the entry came from an intent written inside a transaction (unique: chained once). */
  readonly intentId?: string;
  /** Hash of entry seq-1 (`AUDIT_GENESIS_HASH` for seq 1), hex. */
  readonly prevHash: string;
  /** SM3(prevHash bytes ‖ canonical entry), hex. */
  readonly hash: string;
}

/** Fields outside the hashed content: the driver's row id and the hash itself. */
const UNHASHED_FIELDS = new Set(['_id', 'hash']);

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * JSON with object keys sorted at every level and dates as ISO strings: the same stored row
 * always gives the same text, whatever order the driver returns its fields in. Anything else
 * the store may hand back (an ObjectId planted in a row) is hashed through its JSON form, so
 * verification never throws on a tampered row; it reports it.
 */
export function canonicalJson(value: unknown): string {
  return appendCanonical('', value);
}

/** `canonicalJson` built into one string in a single walk: it runs for every audit row. */
function appendCanonical(out: string, value: unknown): string {
  if (value === null || value === undefined) return `${out}null`;
  if (value instanceof Date) return out + JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    out += '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // A hole stays empty, as Array.prototype.join wrote it.
      if (i in value) out = appendCanonical(out, value[i]);
    }
    return `${out}]`;
  }
  if (typeof value === 'object') {
    if (!isPlainObject(value)) {
      const json = (value as { toJSON?: () => unknown }).toJSON?.();
      return appendCanonical(out, json === undefined ? String(value) : json);
    }
    return appendMembers(out, value as Record<string, unknown>, undefined);
  }
  return out + (JSON.stringify(value) ?? 'null');
}

/** `{"k":v,…}` over the record's keys in sorted order, leaving out undefined values and `skip`. */
function appendMembers(
  out: string,
  record: Readonly<Record<string, unknown>>,
  skip: ReadonlySet<string> | undefined,
): string {
  const keys = Object.keys(record).sort();
  out += '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined || skip?.has(key) === true) continue;
    out += first ? JSON.stringify(key) : `,${JSON.stringify(key)}`;
    first = false;
    out = appendCanonical(`${out}:`, member);
  }
  return `${out}}`;
}

/** Every stored field except `_id` and `hash`, canonically: a field added to a row changes it. */
export function canonicalEntry(row: Readonly<Record<string, unknown>>): string {
  return appendMembers('', row, UNHASHED_FIELDS);
}

/** h_n = SM3(h_{n-1} ‖ canonical entry), with h_{n-1} as its 32 bytes. */
export function chainHash(prevHash: string, row: Readonly<Record<string, unknown>>): string {
  const entry = canonicalEntry(row);
  // One buffer: the previous hash's bytes, then the entry's UTF-8 (what concatenating gave).
  const prev = Buffer.from(prevHash, 'hex');
  const input = Buffer.allocUnsafe(prev.length + Buffer.byteLength(entry, 'utf8'));
  prev.copy(input, 0);
  input.write(entry, prev.length, 'utf8');
  return sm3Hex(input);
}
