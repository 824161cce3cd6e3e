import { randomBytes } from 'node:crypto';
import { parseConfig } from '../config';
import { PreparedHmacSm3, Sm4CbcEncryptor, Sm4FieldCipher } from './field-cipher';
import {
  TamperedFieldError,
  isEncryptedField,
  type EncryptedField,
  type FieldLocation,
} from './field-protection';
import { hmacSm3 } from './sm3';
import { sm4CbcEncrypt } from './sm4';

const k1 = { kid: 'k1', secret: Buffer.alloc(32, 0x11) };
const k2 = { kid: 'k2', secret: Buffer.alloc(32, 0x22) };
const here: FieldLocation = {
  collection: 'submissions',
  documentId: '665f1c2b9d3e4a0012345678',
  field: '/values/phone',
};

/** The same stored value with one byte of one base64 member flipped. */
function flipByte(encrypted: EncryptedField, member: 'iv' | 'ct' | 'mac'): EncryptedField {
  const bytes = Buffer.from(encrypted[member], 'base64');
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
  return { ...encrypted, [member]: bytes.toString('base64') };
}

function refusalOf(action: () => unknown): TamperedFieldError {
  try {
    action();
  } catch (error) {
    if (error instanceof TamperedFieldError) return error;
    throw error;
  }
  throw new Error('expected a TamperedFieldError');
}

describe('Sm4FieldCipher', () => {
  const sut = new Sm4FieldCipher([k1]);

  it('given a string, an address object and a number, when encrypted and decrypted at one location, then each round-trips', () => {
    for (const value of [
      '13412345678',
      { region: ['44', '4419'], detail: '东城街道 1 号' },
      38.5,
    ]) {
      const stored = sut.encrypt(value, here);
      expect(sut.decrypt(stored, here)).toEqual(value);
    }
  });

  it('given a value, when encrypted, then it is stored as exactly {kid, iv, ct, mac} in base64 without the plaintext', () => {
    const stored = sut.encrypt('13412345678', here);
    expect(Object.keys(stored).sort()).toEqual(['ct', 'iv', 'kid', 'mac']);
    expect(isEncryptedField(stored)).toBe(true);
    expect(stored.kid).toBe('k1');
    expect(Buffer.from(stored.iv, 'base64')).toHaveLength(16);
    expect(Buffer.from(stored.mac, 'base64')).toHaveLength(32);
    expect(JSON.stringify(stored)).not.toContain('13412345678');
  });

  it('given one phone number encrypted twice, when the results are compared, then IVs and ciphertexts differ', () => {
    const first = sut.encrypt('13412345678', here);
    const second = sut.encrypt('13412345678', here);
    expect(first.iv).not.toBe(second.iv);
    expect(first.ct).not.toBe(second.ct);
    expect(first.mac).not.toBe(second.mac);
  });

  it.each(['ct', 'iv', 'mac'] as const)(
    'given one flipped byte in %s, when decrypted, then TamperedFieldError (mac-mismatch) and no value',
    (member) => {
      const stored = sut.encrypt('11010519491231002X', here);
      const error = refusalOf(() => sut.decrypt(flipByte(stored, member), here));
      expect(error.reason).toBe('mac-mismatch');
      expect(error.location).toEqual(here);
    },
  );

  it.each([
    ['another document', { ...here, documentId: '665f1c2b9d3e4a0087654321' }],
    ['another field', { ...here, field: '/values/idNumber' }],
    ['another collection', { ...here, collection: 'patients' }],
  ])('given a value moved to %s, when decrypted there, then TamperedFieldError', (_, elsewhere) => {
    const stored = sut.encrypt('13412345678', here);
    expect(refusalOf(() => sut.decrypt(stored, elsewhere)).reason).toBe('mac-mismatch');
  });

  it('given a stored value relabelled with another configured key id, when decrypted, then the MAC refuses it', () => {
    const both = new Sm4FieldCipher([k1, k2]);
    const stored = both.encrypt('13412345678', here);
    expect(refusalOf(() => both.decrypt({ ...stored, kid: 'k2' }, here)).reason).toBe(
      'mac-mismatch',
    );
  });

  it('given an unknown key id, when decrypted, then TamperedFieldError (unknown-key)', () => {
    const stored = new Sm4FieldCipher([k2]).encrypt('x', here);
    expect(refusalOf(() => sut.decrypt(stored, here)).reason).toBe('unknown-key');
  });

  it.each([
    ['an extra member', (e: EncryptedField) => ({ ...e, extra: 'x' })],
    ['a missing member', (e: EncryptedField) => ({ kid: e.kid, iv: e.iv, ct: e.ct })],
    ['non-canonical base64', (e: EncryptedField) => ({ ...e, ct: `${e.ct}!` })],
    ['a short IV', (e: EncryptedField) => ({ ...e, iv: Buffer.alloc(8).toString('base64') })],
    ['a partial block', (e: EncryptedField) => ({ ...e, ct: Buffer.alloc(15).toString('base64') })],
    ['a number instead of text', (e: EncryptedField) => ({ ...e, mac: 42 })],
  ])('given %s, when decrypted, then TamperedFieldError (malformed)', (_, damage) => {
    const stored = damage(sut.encrypt('x', here)) as unknown as EncryptedField;
    expect(refusalOf(() => sut.decrypt(stored, here)).reason).toBe('malformed');
  });

  it('given a rotation to [k2, k1], when old and new values are read, then both decrypt and only the old is stale', () => {
    const old = sut.encrypt('13412345678', here);
    const rotated = new Sm4FieldCipher([k2, k1]);
    const fresh = rotated.encrypt('13412345678', here);
    expect(rotated.activeKeyId).toBe('k2');
    expect(fresh.kid).toBe('k2');
    expect(rotated.decrypt(old, here)).toBe('13412345678');
    expect(rotated.decrypt(fresh, here)).toBe('13412345678');
    expect(rotated.isStale(old)).toBe(true);
    expect(rotated.isStale(fresh)).toBe(false);
  });

  it('given undefined or a function, when encrypted, then it throws rather than storing nothing', () => {
    expect(() => sut.encrypt(undefined, here)).toThrow(TypeError);
    expect(() => sut.encrypt(() => 1, here)).toThrow(TypeError);
  });

  it('given the default configuration, when a cipher is built from it, then it encrypts with its first key', () => {
    const config = parseConfig({ SENTINEL_MODE: 'test' });
    const fromConfig = new Sm4FieldCipher(config.security.fieldKeys);
    expect(fromConfig.encrypt('x', here).kid).toBe(config.security.fieldKeys[0]?.kid);
  });

  it('given no keys or a secret of the wrong size, when a cipher is built, then it refuses', () => {
    expect(() => new Sm4FieldCipher([])).toThrow(/at least one/);
    expect(() => new Sm4FieldCipher([{ kid: 'short', secret: Buffer.alloc(16) }])).toThrow(
      /32 bytes/,
    );
  });
});

describe('the prepared primitives are byte-identical to the native ones', () => {
  it('given keys of 0 to 130 bytes and several inputs, when MACed, then PreparedHmacSm3 equals hmacSm3', () => {
    for (let keyLength = 0; keyLength <= 130; keyLength += 1) {
      const key = randomBytes(keyLength);
      const prepared = new PreparedHmacSm3(key);
      for (const data of ['', '身份证 11010519491231002X', randomBytes(200)]) {
        expect(prepared.digest(data).toString('hex')).toBe(hmacSm3(key, data).toString('hex'));
      }
    }
  });

  it('given plaintexts of 0 to 64 bytes, when encrypted, then Sm4CbcEncryptor equals native SM4-CBC with PKCS#7', () => {
    const key = randomBytes(16);
    const sut = new Sm4CbcEncryptor(key);
    for (let length = 0; length <= 64; length += 1) {
      const iv = randomBytes(16);
      const plaintext = randomBytes(length);
      expect(sut.encrypt(iv, plaintext).toString('hex')).toBe(
        sm4CbcEncrypt(key, iv, plaintext).toString('hex'),
      );
    }
  });
});
