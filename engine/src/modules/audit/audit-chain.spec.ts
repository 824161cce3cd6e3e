import { sm3Hex } from '../../crypto/sm3';
import {
  AUDIT_GENESIS_HASH,
  AUDIT_GENESIS_LABEL,
  canonicalEntry,
  canonicalJson,
  chainHash,
} from './audit-chain';

const row = {
  seq: 1,
  at: new Date('2026-01-02T03:04:05.006Z'),
  action: 'create',
  actor: 'u1',
  resource: 'submissions',
  resourceId: 'abc',
  outcome: 'success',
  details: { version: 3, form: 'sentinel-visit' },
  ip: null,
  prevHash: AUDIT_GENESIS_HASH,
};

describe('audit chain hashing', () => {
  it('given the genesis label, when hashed, then h_0 is SM3 of it', () => {
    expect(AUDIT_GENESIS_HASH).toBe(sm3Hex(AUDIT_GENESIS_LABEL));
    expect(AUDIT_GENESIS_HASH).toMatch(/^[0-9a-f]{64}$/);
  });

  it('given nested objects in any key order and a date, when canonicalised, then keys are sorted and the date is ISO', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' }, t: new Date(0) })).toBe(
      '{"a":{"c":"x","d":[true,null]},"b":1,"t":"1970-01-01T00:00:00.000Z"}',
    );
  });

  it('given a row with _id and hash, when the canonical entry is built, then both are left out and everything else is in', () => {
    const text = canonicalEntry({ ...row, _id: 'x', hash: 'y' });
    expect(text).not.toContain('"_id"');
    expect(text).not.toContain('"hash"');
    expect(JSON.parse(text)).toEqual({ ...row, at: row.at.toISOString() });
  });

  it('given a row, when hashed, then h = SM3(prevHash bytes ‖ canonical entry)', () => {
    const expected = sm3Hex(
      Buffer.concat([Buffer.from(AUDIT_GENESIS_HASH, 'hex'), Buffer.from(canonicalEntry(row))]),
    );
    expect(chainHash(AUDIT_GENESIS_HASH, row)).toBe(expected);
  });

  it('given a changed detail, an added field, or another previous hash, when hashed, then the hash changes', () => {
    const original = chainHash(AUDIT_GENESIS_HASH, row);
    expect(
      chainHash(AUDIT_GENESIS_HASH, { ...row, details: { version: 4, form: 'sentinel-visit' } }),
    ).not.toBe(original);
    expect(chainHash(AUDIT_GENESIS_HASH, { ...row, note: 'added' })).not.toBe(original);
    expect(chainHash(sm3Hex('other'), row)).not.toBe(original);
  });

  it('given the same row with fields in another order, when hashed, then the hash is the same', () => {
    const reversed = Object.fromEntries(Object.entries(row).reverse());
    expect(chainHash(AUDIT_GENESIS_HASH, reversed)).toBe(chainHash(AUDIT_GENESIS_HASH, row));
  });
});
