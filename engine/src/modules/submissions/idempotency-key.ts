import { sm3Hex } from '../../crypto';
import { ApiError } from '../../common/errors';

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
const HEADER_PATH = '/headers/idempotency-key';

/**
 * The `Idempotency-Key` header: required, 8–128 characters of `[A-Za-z0-9_-]` (a UUID fits),
 * so it is safe inside a stored id and cannot be confused with another user's key.
 */
export function parseIdempotencyKey(header: string | string[] | undefined): string {
  if (header === undefined || header === '') {
    throw ApiError.single(400, 'IDEMPOTENCY_KEY_REQUIRED', HEADER_PATH, {
      zh: '缺少请求头 Idempotency-Key：每次上报须带一个唯一的幂等键，重试时沿用同一个',
      en: 'The Idempotency-Key header is required: send a unique key per report and reuse it when retrying',
    });
  }
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
    throw ApiError.single(400, 'IDEMPOTENCY_KEY_INVALID', HEADER_PATH, {
      zh: 'Idempotency-Key 须为 8–128 个字母、数字、下划线或连字符',
      en: 'Idempotency-Key must be 8–128 letters, digits, underscores or hyphens',
    });
  }
  return header;
}

/**
 * JSON with object keys sorted at every level, so two bodies that differ only in key order
 * hash alike. Arrays keep their order (it is meaningful). Built into one string in a single
 * walk (no per-level arrays of members): it runs on every submission's whole body.
 */
export function canonicalJson(value: unknown): string {
  // A body whose keys are already in order (the usual case) is what JSON.stringify writes.
  return isCanonicalJson(value) ? JSON.stringify(value) : appendCanonical('', value);
}

/**
 * True when `value` holds only JSON's own types (finite numbers, strings, booleans, null, arrays
 * without holes, plain objects) with every object's keys already sorted: then JSON.stringify
 * writes exactly the canonical text, natively.
 */
function isCanonicalJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || !isCanonicalJson(value[i])) return false;
    }
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const record = value as Record<string, unknown>;
  let previous: string | undefined;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) return false;
    if (previous !== undefined && !(previous < key)) return false;
    if (!isCanonicalJson(record[key])) return false;
    previous = key;
  }
  return true;
}

function appendCanonical(out: string, value: unknown): string {
  if (value === null || typeof value !== 'object') return out + (JSON.stringify(value) ?? 'null');
  if (Array.isArray(value)) {
    out += '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // A hole stays empty, as Array.prototype.join wrote it.
      if (i in value) out = appendCanonical(out, value[i]);
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  out += '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += first ? JSON.stringify(key) : `,${JSON.stringify(key)}`;
    first = false;
    out = appendCanonical(out + ':', member);
  }
  return out + '}';
}

/** SM3 (hex) of method, path and canonical body: what "the same request" means for a key. */
export function requestHash(method: string, path: string, body: unknown): string {
  return sm3Hex(`${method.toUpperCase()}\n${path}\n${canonicalJson(body)}`);
}
