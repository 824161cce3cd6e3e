import { ApiError } from '../../common/errors';
import { sm3Hex } from '../../crypto/sm3';

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
 * hash alike. Arrays keep their order (it is meaningful).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

/** SM3 (hex) of method, path and canonical body: what "the same request" means for a key. */
export function requestHash(method: string, path: string, body: unknown): string {
  return sm3Hex(`${method.toUpperCase()}\n${path}\n${canonicalJson(body)}`);
}
