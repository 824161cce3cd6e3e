import { ApiError } from '../../common/errors';
import { canonicalJson, parseIdempotencyKey, requestHash } from './idempotency-key';

function refusal(header: string | string[] | undefined): {
  status: number;
  path: string;
  code: string;
} {
  try {
    parseIdempotencyKey(header);
  } catch (error) {
    const e = error as ApiError;
    return { status: e.getStatus(), path: e.details[0]!.path, code: e.code };
  }
  throw new Error('accepted');
}

describe('parseIdempotencyKey', () => {
  it.each(['abcd1234', 'a'.repeat(128), '6f1c2d9e-58c4-4f2b-9a57-3c0d9f1e2b7a', 'A_b-9xyz'])(
    'given %s, when parsed, then it is accepted',
    (key) => {
      expect(parseIdempotencyKey(key)).toBe(key);
    },
  );

  it('given no header, when parsed, then 400 IDEMPOTENCY_KEY_REQUIRED at /headers/idempotency-key', () => {
    expect(refusal(undefined)).toEqual({
      status: 400,
      path: '/headers/idempotency-key',
      code: 'IDEMPOTENCY_KEY_REQUIRED',
    });
  });

  it.each([
    'short',
    'a'.repeat(129),
    'has space1',
    'slash/in/key',
    'dollar$key',
    '键键键键键键键键',
  ])(
    'given %s, when parsed, then 400 IDEMPOTENCY_KEY_INVALID at /headers/idempotency-key',
    (key) => {
      expect(refusal(key)).toEqual({
        status: 400,
        path: '/headers/idempotency-key',
        code: 'IDEMPOTENCY_KEY_INVALID',
      });
    },
  );
});

describe('requestHash', () => {
  it('given two bodies differing only in key order at any depth, when hashed, then the hashes are equal', () => {
    const a = { values: { b: 1, a: { y: [1, 2], x: 'z' } }, status: 'reported' };
    const b = { status: 'reported', values: { a: { x: 'z', y: [1, 2] }, b: 1 } };

    expect(requestHash('POST', '/api/forms/f/submissions', a)).toBe(
      requestHash('POST', '/api/forms/f/submissions', b),
    );
  });

  it('given a changed value, array order, path or method, when hashed, then each hash differs', () => {
    const body = { values: { t: 38.5, list: [1, 2] } };
    const base = requestHash('POST', '/api/forms/f/submissions', body);

    expect(
      requestHash('POST', '/api/forms/f/submissions', { values: { t: 38.6, list: [1, 2] } }),
    ).not.toBe(base);
    expect(
      requestHash('POST', '/api/forms/f/submissions', { values: { t: 38.5, list: [2, 1] } }),
    ).not.toBe(base);
    expect(requestHash('POST', '/api/forms/g/submissions', body)).not.toBe(base);
    expect(requestHash('PUT', '/api/forms/f/submissions', body)).not.toBe(base);
  });

  it('given a body, when hashed, then the hash is 64 hex characters of SM3', () => {
    expect(requestHash('POST', '/p', {})).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('canonicalJson', () => {
  it('given nested objects, when serialised, then keys are sorted and undefined members dropped', () => {
    expect(canonicalJson({ b: [{ d: 1, c: null }], a: undefined, e: 'x' })).toBe(
      '{"b":[{"c":null,"d":1}],"e":"x"}',
    );
  });
});
