import { sm3 as smCryptoSm3, sm4 as smCryptoSm4 } from 'sm-crypto';

/**
 * The one door to sm-crypto. sm-crypto fails silently on wrong options (ARCHITECTURE.md,
 * "Chinese cryptography"): `mode: 'CBC'` or any unknown mode falls back to ECB, `padding:
 * 'PKCS7'` truncates the last partial block, a non-hex key is read as zeros, and PKCS#7
 * unpadding accepts a pad byte of 0. Every option is checked here and anything doubtful throws
 * `SmCryptoOptionError`. Production code uses the native implementations (sm4.ts, sm3.ts);
 * this wrapper is their reference in cross-checks and the place SM2 will come through.
 */

/** A refused option or input; the message names it and what is expected. */
export class SmCryptoOptionError extends Error {
  override readonly name = 'SmCryptoOptionError';
}

export type GuardedSm4Mode = 'ecb' | 'cbc';
export type GuardedSm4Padding = 'pkcs#7' | 'none';

export interface GuardedSm4Options {
  readonly mode: GuardedSm4Mode;
  readonly padding: GuardedSm4Padding;
  /** 32 hex characters; required for CBC, refused for ECB (it would be silently ignored). */
  readonly iv?: string;
}

const BLOCK = 16;
const HEX_16_BYTES = /^[0-9a-fA-F]{32}$/;
const MODES: readonly unknown[] = ['ecb', 'cbc'];
const PADDINGS: readonly unknown[] = ['pkcs#7', 'none'];
const OPTION_NAMES: readonly string[] = ['mode', 'padding', 'iv'];

function refuse(message: string): never {
  throw new SmCryptoOptionError(`sm-crypto guard: ${message}`);
}

function checkKey(keyHex: unknown): string {
  if (typeof keyHex !== 'string' || !HEX_16_BYTES.test(keyHex)) {
    refuse('SM4 key must be a string of 32 hexadecimal characters');
  }
  return keyHex;
}

/** Checks at run time too: callers from plain JavaScript or with casts get no compiler help. */
function checkOptions(options: unknown): GuardedSm4Options {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    refuse('options must be an object { mode, padding, iv? }');
  }
  const record = options as Record<string, unknown>;
  const unknown = Object.keys(record).find((name) => !OPTION_NAMES.includes(name));
  if (unknown !== undefined) refuse(`unknown option "${unknown}" (known: mode, padding, iv)`);
  if (!MODES.includes(record['mode'])) {
    refuse(`mode must be 'ecb' or 'cbc' (lower case), got ${JSON.stringify(record['mode'])}`);
  }
  if (!PADDINGS.includes(record['padding'])) {
    refuse(`padding must be 'pkcs#7' or 'none', got ${JSON.stringify(record['padding'])}`);
  }
  const iv = record['iv'];
  if (record['mode'] === 'cbc') {
    if (typeof iv !== 'string' || !HEX_16_BYTES.test(iv)) {
      refuse('CBC needs iv: a string of 32 hexadecimal characters');
    }
  } else if (iv !== undefined) {
    refuse('ECB takes no iv; did you mean mode: "cbc"?');
  }
  return record as unknown as GuardedSm4Options;
}

function checkBytes(name: string, value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) refuse(`${name} must be bytes (Buffer or Uint8Array)`);
  return value;
}

/** PKCS#7 removal that refuses anything but 1..16 equal pad bytes (sm-crypto accepts 0). */
function unpadPkcs7(block: Buffer): Buffer {
  const count = block[block.length - 1] ?? 0;
  if (count < 1 || count > BLOCK || count > block.length) refuse('bad PKCS#7 padding');
  for (let i = block.length - count; i < block.length; i += 1) {
    if (block[i] !== count) refuse('bad PKCS#7 padding');
  }
  return block.subarray(0, block.length - count);
}

export function guardedSm4Encrypt(
  plaintext: Uint8Array,
  keyHex: string,
  options: GuardedSm4Options,
): Buffer {
  const input = checkBytes('plaintext', plaintext);
  const key = checkKey(keyHex);
  const { mode, padding, iv } = checkOptions(options);
  if (padding === 'none' && input.length % BLOCK !== 0) {
    refuse(`padding 'none' needs a multiple of ${BLOCK} bytes (sm-crypto would drop the rest)`);
  }
  const out = smCryptoSm4.encrypt(Array.from(input), key, {
    mode: mode === 'cbc' ? 'cbc' : undefined,
    iv,
    padding,
    output: 'array',
  });
  return Buffer.from(out);
}

export function guardedSm4Decrypt(
  ciphertext: Uint8Array,
  keyHex: string,
  options: GuardedSm4Options,
): Buffer {
  const input = checkBytes('ciphertext', ciphertext);
  const key = checkKey(keyHex);
  const { mode, padding, iv } = checkOptions(options);
  if (input.length === 0 || input.length % BLOCK !== 0) {
    refuse(`ciphertext must be a non-empty multiple of ${BLOCK} bytes`);
  }
  const raw = Buffer.from(
    smCryptoSm4.decrypt(Array.from(input), key, {
      mode: mode === 'cbc' ? 'cbc' : undefined,
      iv,
      padding: 'none',
      output: 'array',
    }),
  );
  return padding === 'pkcs#7' ? unpadPkcs7(raw) : raw;
}

/** SM3 of bytes, or of a string's UTF-8 encoding (encoded by Node, not by sm-crypto). */
export function guardedSm3(data: Uint8Array | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : checkBytes('data', data);
  return Buffer.from(smCryptoSm3(Array.from(bytes)), 'hex');
}

export function guardedHmacSm3(key: Uint8Array, data: Uint8Array | string): Buffer {
  const keyBytes = checkBytes('HMAC key', key);
  if (keyBytes.length === 0) refuse('HMAC key must not be empty');
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : checkBytes('data', data);
  // sm-crypto pads the key in place with Array#push, so it must be a plain array.
  return Buffer.from(
    smCryptoSm3(Array.from(bytes), { key: Array.from(keyBytes), mode: 'hmac' }),
    'hex',
  );
}
