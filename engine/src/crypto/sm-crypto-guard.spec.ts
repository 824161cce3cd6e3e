import { randomBytes } from 'node:crypto';
import { sm4 } from 'sm-crypto';
import {
  SmCryptoOptionError,
  guardedHmacSm3,
  guardedSm4Decrypt,
  guardedSm4Encrypt,
  type GuardedSm4Options,
} from './sm-crypto-guard';

const KEY = '0123456789abcdeffedcba9876543210';
const IV = 'fedcba98765432100123456789abcdef';
const PLAINTEXT = Buffer.from('11010519491231002X, 13412345678');

/** Options as a careless caller might pass them, bypassing the types. */
const loose = (options: Record<string, unknown>): GuardedSm4Options =>
  options as unknown as GuardedSm4Options;

describe('sm-crypto guard', () => {
  it('given raw sm-crypto, when mode is upper-case CBC, then it silently falls back to ECB (why the guard exists)', () => {
    const upper = sm4.encrypt('abc', KEY, loose({ mode: 'CBC', iv: IV }) as never);
    const ecb = sm4.encrypt('abc', KEY);
    expect(upper).toBe(ecb);
  });

  it('given upper-case or unknown modes, when the guard is used, then it throws naming the mode', () => {
    for (const mode of ['CBC', 'ECB', 'gcm', undefined]) {
      expect(() =>
        guardedSm4Encrypt(PLAINTEXT, KEY, loose({ mode, padding: 'pkcs#7', iv: IV })),
      ).toThrow(SmCryptoOptionError);
    }
    expect(() =>
      guardedSm4Encrypt(PLAINTEXT, KEY, loose({ mode: 'CBC', padding: 'pkcs#7', iv: IV })),
    ).toThrow(/mode must be 'ecb' or 'cbc'/);
  });

  it('given padding spelt PKCS7 or pkcs#5, when the guard is used, then it throws instead of truncating', () => {
    for (const padding of ['PKCS7', 'pkcs7', 'pkcs#5', 'NONE']) {
      expect(() => guardedSm4Encrypt(PLAINTEXT, KEY, loose({ mode: 'ecb', padding }))).toThrow(
        /padding must be 'pkcs#7' or 'none'/,
      );
    }
  });

  it('given padding none and a partial block, when encrypting, then it throws instead of dropping bytes', () => {
    expect(() =>
      guardedSm4Encrypt(Buffer.alloc(17), KEY, { mode: 'ecb', padding: 'none' }),
    ).toThrow(/multiple of 16/);
    expect(guardedSm4Encrypt(Buffer.alloc(32), KEY, { mode: 'ecb', padding: 'none' })).toHaveLength(
      32,
    );
  });

  it('given a non-hex or wrong-length key, when the guard is used, then it throws instead of using zeros', () => {
    for (const key of ['zz'.repeat(16), KEY.slice(2), `${KEY}00`, '']) {
      expect(() => guardedSm4Encrypt(PLAINTEXT, key, { mode: 'ecb', padding: 'pkcs#7' })).toThrow(
        /32 hexadecimal/,
      );
    }
  });

  it('given CBC without a valid iv, or ECB with one, or an unknown option, when the guard is used, then it throws', () => {
    expect(() => guardedSm4Encrypt(PLAINTEXT, KEY, { mode: 'cbc', padding: 'pkcs#7' })).toThrow(
      /iv/,
    );
    expect(() =>
      guardedSm4Encrypt(PLAINTEXT, KEY, { mode: 'cbc', padding: 'pkcs#7', iv: 'xyz' }),
    ).toThrow(/iv/);
    expect(() =>
      guardedSm4Encrypt(PLAINTEXT, KEY, { mode: 'ecb', padding: 'pkcs#7', iv: IV }),
    ).toThrow(/ECB takes no iv/);
    expect(() =>
      guardedSm4Encrypt(PLAINTEXT, KEY, loose({ mode: 'ecb', padding: 'pkcs#7', output: 'array' })),
    ).toThrow(/unknown option "output"/);
  });

  it('given a valid CBC call, when encrypted and decrypted, then it round-trips and differs from ECB', () => {
    const options = { mode: 'cbc', padding: 'pkcs#7', iv: IV } as const;
    const ct = guardedSm4Encrypt(PLAINTEXT, KEY, options);
    expect(guardedSm4Decrypt(ct, KEY, options).equals(PLAINTEXT)).toBe(true);
    expect(ct.equals(guardedSm4Encrypt(PLAINTEXT, KEY, { mode: 'ecb', padding: 'pkcs#7' }))).toBe(
      false,
    );
  });

  it('given ciphertext whose last byte decrypts to a zero pad, when decrypted with pkcs#7, then the guard refuses it', () => {
    // A block that decrypts to 16 zero bytes: raw sm-crypto would accept pad length 0.
    const zeros = guardedSm4Encrypt(Buffer.alloc(16), KEY, { mode: 'ecb', padding: 'none' });
    expect(() => guardedSm4Decrypt(zeros, KEY, { mode: 'ecb', padding: 'pkcs#7' })).toThrow(
      /bad PKCS#7 padding/,
    );
  });

  it('given a ciphertext of a partial block or strings instead of bytes, when decrypted, then the guard throws', () => {
    expect(() =>
      guardedSm4Decrypt(randomBytes(15), KEY, { mode: 'ecb', padding: 'pkcs#7' }),
    ).toThrow(/multiple of 16/);
    expect(() =>
      guardedSm4Decrypt('abcd' as unknown as Uint8Array, KEY, { mode: 'ecb', padding: 'pkcs#7' }),
    ).toThrow(/must be bytes/);
  });

  it('given an empty HMAC key, when HMAC-SM3 is asked for, then the guard throws', () => {
    expect(() => guardedHmacSm3(Buffer.alloc(0), 'x')).toThrow(/must not be empty/);
  });
});
