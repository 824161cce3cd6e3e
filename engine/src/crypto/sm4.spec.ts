import { randomBytes } from 'node:crypto';
import { guardedSm4Decrypt, guardedSm4Encrypt } from './sm-crypto-guard';
import {
  sm4CbcDecrypt,
  sm4CbcEncrypt,
  sm4EcbDecrypt,
  sm4EcbDecryptHex,
  sm4EcbEncrypt,
  sm4EcbEncryptHex,
} from './sm4';

/** GB/T 32907-2016 appendix A, example 1: key = plaintext = 0123456789abcdeffedcba9876543210. */
const STANDARD_KEY = '0123456789abcdeffedcba9876543210';
const STANDARD_CIPHERTEXT = '681edf34d206965e86b3e94f536e4246';
const LENGTHS = [0, 1, 15, 16, 17, 31, 32, 33, 100, 4096];

describe('sm4 (native) against sm-crypto', () => {
  it('given the standard example block, when encrypted natively, then the standard ciphertext comes out', () => {
    const key = Buffer.from(STANDARD_KEY, 'hex');
    const encrypted = sm4EcbEncrypt(key, key);
    // PKCS#7 appends a full padding block to a 16-byte input; the first block is the standard's.
    expect(encrypted.subarray(0, 16).toString('hex')).toBe(STANDARD_CIPHERTEXT);
  });

  it('given random keys and plaintexts, when encrypted with SM4-ECB natively and by sm-crypto, then ciphertexts are byte-identical and decrypt back', () => {
    for (const length of LENGTHS) {
      const key = randomBytes(16);
      const plaintext = randomBytes(length);
      const native = sm4EcbEncrypt(key, plaintext);
      const reference = guardedSm4Encrypt(plaintext, key.toString('hex'), {
        mode: 'ecb',
        padding: 'pkcs#7',
      });
      expect(native.toString('hex')).toBe(reference.toString('hex'));
      expect(sm4EcbDecrypt(key, native).equals(plaintext)).toBe(true);
      expect(
        guardedSm4Decrypt(native, key.toString('hex'), { mode: 'ecb', padding: 'pkcs#7' }).equals(
          plaintext,
        ),
      ).toBe(true);
    }
  });

  it('given random keys, IVs and plaintexts, when encrypted with SM4-CBC natively and by sm-crypto, then ciphertexts are byte-identical and decrypt back', () => {
    for (const length of LENGTHS) {
      const key = randomBytes(16);
      const iv = randomBytes(16);
      const plaintext = randomBytes(length);
      const options = { mode: 'cbc', padding: 'pkcs#7', iv: iv.toString('hex') } as const;
      const native = sm4CbcEncrypt(key, iv, plaintext);
      const reference = guardedSm4Encrypt(plaintext, key.toString('hex'), options);
      expect(native.toString('hex')).toBe(reference.toString('hex'));
      expect(sm4CbcDecrypt(key, iv, native).equals(plaintext)).toBe(true);
      expect(guardedSm4Decrypt(native, key.toString('hex'), options).equals(plaintext)).toBe(true);
    }
  });

  it('given a hex key and Chinese text, when the hex helpers run, then they match sm-crypto and round-trip', () => {
    const key = randomBytes(16).toString('hex');
    const text = 'orgCode=o1&staffName=张医生&idcard=11010519491231002X';
    const hex = sm4EcbEncryptHex(key, text);
    expect(hex).toMatch(/^[0-9a-f]+$/);
    const reference = guardedSm4Encrypt(Buffer.from(text, 'utf8'), key, {
      mode: 'ecb',
      padding: 'pkcs#7',
    });
    expect(hex).toBe(reference.toString('hex'));
    expect(sm4EcbDecryptHex(key, hex)).toBe(text);
    expect(sm4EcbDecryptHex(key.toUpperCase(), hex.toUpperCase())).toBe(text);
  });

  it('given a key that is not 32 hex characters, when the hex helpers run, then they throw instead of using zeros', () => {
    expect(() => sm4EcbEncryptHex('zz'.repeat(16), 'x')).toThrow(/32 hexadecimal/);
    expect(() => sm4EcbEncryptHex('ab', 'x')).toThrow(/32 hexadecimal/);
    expect(() => sm4EcbDecryptHex('0'.repeat(31), '00'.repeat(16))).toThrow(/32 hexadecimal/);
  });

  it('given malformed ciphertext hex or a wrong key, when decrypted, then it throws rather than returning garbage', () => {
    const key = randomBytes(16).toString('hex');
    const hex = sm4EcbEncryptHex(key, 'patientName=张三');
    expect(() => sm4EcbDecryptHex(key, hex.slice(2))).toThrow(/multiple of 32/);
    expect(() => sm4EcbDecryptHex(key, `${hex.slice(0, -1)}g`)).toThrow(/hexadecimal/);
    let failures = 0;
    for (let i = 0; i < 20; i += 1) {
      try {
        sm4EcbDecryptHex(randomBytes(16).toString('hex'), hex);
      } catch {
        failures += 1;
      }
    }
    // A wrong key passes the padding check by chance about 1 time in 256, then UTF-8 checking.
    expect(failures).toBeGreaterThanOrEqual(19);
  });

  it('given a wrong key or IV length, when the byte helpers run, then they throw', () => {
    expect(() => sm4CbcEncrypt(randomBytes(15), randomBytes(16), Buffer.from('x'))).toThrow(
      /key must be 16 bytes/,
    );
    expect(() => sm4CbcEncrypt(randomBytes(16), randomBytes(8), Buffer.from('x'))).toThrow(
      /IV must be 16 bytes/,
    );
    expect(() => sm4CbcDecrypt(randomBytes(16), randomBytes(16), randomBytes(15))).toThrow(
      /multiple of 16/,
    );
  });
});
