import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * SM4 (GB/T 32907) through Node's OpenSSL, which has it natively (`sm4-ecb`, `sm4-cbc`), is
 * several times faster than sm-crypto and byte-identical to it (cross-checked in sm4.spec.ts).
 * Padding is always PKCS#7. ECB only where the province's interface demands it; personal
 * fields at rest use CBC with a random IV (see field-cipher.ts).
 */

/** SM4 keys, IVs and blocks are all 16 bytes. */
export const SM4_BLOCK_BYTES = 16;

const KEY_HEX = /^[0-9a-fA-F]{32}$/;
const CIPHERTEXT_HEX = /^(?:[0-9a-fA-F]{32})+$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function requireLength(name: string, bytes: Uint8Array, length: number): void {
  if (bytes.length !== length) {
    throw new RangeError(`SM4 ${name} must be ${length} bytes, got ${bytes.length}`);
  }
}

/** A key given as 32 hexadecimal characters, the form the province issues it in. */
export function sm4KeyFromHex(keyHex: string): Buffer {
  if (!KEY_HEX.test(keyHex)) {
    throw new RangeError('SM4 key must be 32 hexadecimal characters (16 bytes)');
  }
  return Buffer.from(keyHex, 'hex');
}

function run(cipher: { update(data: Buffer): Buffer; final(): Buffer }, data: Buffer): Buffer {
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function decryptOrExplain(
  algorithm: 'sm4-ecb' | 'sm4-cbc',
  key: Buffer,
  iv: Buffer | null,
  ciphertext: Buffer,
): Buffer {
  if (ciphertext.length === 0 || ciphertext.length % SM4_BLOCK_BYTES !== 0) {
    throw new RangeError(
      `SM4 ciphertext must be a non-empty multiple of ${SM4_BLOCK_BYTES} bytes, got ${ciphertext.length}`,
    );
  }
  try {
    return run(createDecipheriv(algorithm, key, iv), ciphertext);
  } catch {
    // OpenSSL says only "bad decrypt"; the only causes are a wrong key/IV or altered bytes.
    throw new Error('SM4 decryption failed: wrong key or corrupted ciphertext (bad padding)');
  }
}

export function sm4EcbEncrypt(key: Buffer, plaintext: Buffer): Buffer {
  requireLength('key', key, SM4_BLOCK_BYTES);
  return run(createCipheriv('sm4-ecb', key, null), plaintext);
}

export function sm4EcbDecrypt(key: Buffer, ciphertext: Buffer): Buffer {
  requireLength('key', key, SM4_BLOCK_BYTES);
  return decryptOrExplain('sm4-ecb', key, null, ciphertext);
}

export function sm4CbcEncrypt(key: Buffer, iv: Buffer, plaintext: Buffer): Buffer {
  requireLength('key', key, SM4_BLOCK_BYTES);
  requireLength('IV', iv, SM4_BLOCK_BYTES);
  return run(createCipheriv('sm4-cbc', key, iv), plaintext);
}

export function sm4CbcDecrypt(key: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  requireLength('key', key, SM4_BLOCK_BYTES);
  requireLength('IV', iv, SM4_BLOCK_BYTES);
  return decryptOrExplain('sm4-cbc', key, iv, ciphertext);
}

/**
 * The province's form (seed 002): UTF-8 text, SM4-ECB with PKCS#7, lower-case hex out.
 * @param keyHex 32 hexadecimal characters
 */
export function sm4EcbEncryptHex(keyHex: string, plaintext: string): string {
  return sm4EcbEncrypt(sm4KeyFromHex(keyHex), Buffer.from(plaintext, 'utf8')).toString('hex');
}

/**
 * Inverse of `sm4EcbEncryptHex`; accepts either hex case. Throws on malformed hex, bad padding
 * or a result that is not valid UTF-8, so a wrong key never yields garbage text.
 */
export function sm4EcbDecryptHex(keyHex: string, hex: string): string {
  if (!CIPHERTEXT_HEX.test(hex)) {
    throw new RangeError(
      'SM4 ciphertext must be hexadecimal, a non-empty multiple of 32 characters',
    );
  }
  const plaintext = sm4EcbDecrypt(sm4KeyFromHex(keyHex), Buffer.from(hex, 'hex'));
  try {
    return strictUtf8.decode(plaintext);
  } catch {
    throw new Error('SM4 decryption failed: the plaintext is not UTF-8 (wrong key?)');
  }
}
