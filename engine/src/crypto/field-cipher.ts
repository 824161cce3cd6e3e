import { createCipheriv, hash, randomBytes, type Cipher } from 'node:crypto';
import type { FieldKey } from '../config';
import {
  FieldCipher,
  TamperedFieldError,
  isEncryptedField,
  type EncryptedField,
  type FieldLocation,
} from './field-protection';
import { equalBytes, hmacSm3, sm3 } from './sm3';
import { SM4_BLOCK_BYTES, sm4CbcDecrypt } from './sm4';

/**
 * Distinct labels so the SM4 key and the MAC key are independent even though both come from one
 * configured secret; `v1` lets a future scheme change derivation without reusing keys.
 */
const SM4_KEY_LABEL = 'sentinel/field-protection/v1/sm4-key';
const MAC_KEY_LABEL = 'sentinel/field-protection/v1/mac-key';
const MAC_DOMAIN = 'sentinel/field-protection/v1/mac';
const SECRET_BYTES = 32;
const MAC_BYTES = 32;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** IVs are cut from one CSPRNG draw of this many bytes (256 IVs) instead of one draw each. */
const IV_POOL_BYTES = 4096;

/**
 * Fresh random IVs from a pool: a call into the CSPRNG costs far more than 16 bytes of its
 * output. Every byte comes from randomBytes and is handed out exactly once.
 */
class IvPool {
  private pool = Buffer.alloc(0);
  private offset = 0;

  take(length: number): Buffer {
    if (this.offset + length > this.pool.length) {
      this.pool = randomBytes(IV_POOL_BYTES);
      this.offset = 0;
    }
    // A copy, so no IV keeps the pool (and the IVs after it) reachable.
    const iv = Buffer.from(this.pool.subarray(this.offset, this.offset + length));
    this.offset += length;
    return iv;
  }
}

const SM3_BLOCK_BYTES = 64;
const SM3_DIGEST_BYTES = 32;

/**
 * HMAC-SM3 (RFC 2104) under one fixed key, byte-identical to `hmacSm3(key, data)`:
 * SM3((K ⊕ opad) ‖ SM3((K ⊕ ipad) ‖ data)). The padded keys are computed once and each MAC is
 * two one-shot digests, because building an OpenSSL HMAC context per call (key import
 * included) cost more than hashing a personal value.
 */
export class PreparedHmacSm3 {
  private readonly innerPad = Buffer.alloc(SM3_BLOCK_BYTES, 0x36);
  /** K ⊕ opad, then room for the inner digest; rewritten by each (synchronous) call. */
  private readonly outer = Buffer.alloc(SM3_BLOCK_BYTES + SM3_DIGEST_BYTES, 0x5c);

  constructor(key: Buffer) {
    // Keys longer than a block are hashed first; shorter ones are zero-padded (XOR leaves the pad).
    const blockKey = key.length > SM3_BLOCK_BYTES ? sm3(key) : key;
    for (let i = 0; i < blockKey.length; i++) {
      const byte = blockKey[i] as number;
      this.innerPad[i] = 0x36 ^ byte;
      this.outer[i] = 0x5c ^ byte;
    }
  }

  digest(data: string | Buffer): Buffer {
    const length = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length;
    const inner = Buffer.allocUnsafe(SM3_BLOCK_BYTES + length);
    this.innerPad.copy(inner, 0);
    if (typeof data === 'string') inner.write(data, SM3_BLOCK_BYTES, 'utf8');
    else data.copy(inner, SM3_BLOCK_BYTES);
    hash('sm3', inner, 'buffer').copy(this.outer, SM3_BLOCK_BYTES);
    return hash('sm3', this.outer, 'buffer');
  }
}

/**
 * SM4-CBC encryption with PKCS#7 for one key, byte-identical to `sm4CbcEncrypt`, over one
 * long-lived SM4-ECB block cipher (no padding): CBC is each block XORed with the previous
 * ciphertext block (the IV for the first) and then encrypted. Creating an OpenSSL cipher
 * context per personal value cost more than encrypting the value's one or two blocks.
 */
export class Sm4CbcEncryptor {
  private readonly ecb: Cipher;
  private readonly block = Buffer.alloc(SM4_BLOCK_BYTES);

  constructor(key: Buffer) {
    this.ecb = createCipheriv('sm4-ecb', key, null);
    this.ecb.setAutoPadding(false);
  }

  encrypt(iv: Buffer, plaintext: Buffer): Buffer {
    const padding = SM4_BLOCK_BYTES - (plaintext.length % SM4_BLOCK_BYTES);
    const out = Buffer.alloc(plaintext.length + padding, padding);
    plaintext.copy(out, 0);
    let previous: Buffer = iv;
    for (let offset = 0; offset < out.length; offset += SM4_BLOCK_BYTES) {
      for (let i = 0; i < SM4_BLOCK_BYTES; i++) {
        this.block[i] = (out[offset + i] as number) ^ (previous[i] as number);
      }
      previous = this.ecb.update(this.block);
      if (previous.length !== SM4_BLOCK_BYTES) throw new Error('SM4-ECB returned a partial block');
      previous.copy(out, offset);
    }
    return out;
  }
}

export interface DerivedFieldKeys {
  /** 16-byte SM4 key. */
  readonly encryption: Buffer;
  /** 32-byte HMAC-SM3 key. */
  readonly mac: Buffer;
}

/** Per key id: SM4 key = first 16 bytes of HMAC-SM3(secret, label1); MAC key = HMAC-SM3(secret, label2). */
export function deriveFieldKeys(secret: Buffer): DerivedFieldKeys {
  if (secret.length !== SECRET_BYTES) {
    throw new RangeError(`a field key secret must be ${SECRET_BYTES} bytes, got ${secret.length}`);
  }
  return {
    encryption: hmacSm3(secret, SM4_KEY_LABEL).subarray(0, SM4_BLOCK_BYTES),
    mac: hmacSm3(secret, MAC_KEY_LABEL),
  };
}

/**
 * Each part as a 4-byte big-endian length then its bytes, so no two different tuples encode
 * alike (`("ab","c")` vs `("a","bc")`). Written into one buffer: this runs for every personal
 * value stored or read.
 */
function lengthPrefixed(parts: readonly (string | Buffer)[]): Buffer {
  let total = 0;
  for (const part of parts) {
    total += 4 + (typeof part === 'string' ? Buffer.byteLength(part, 'utf8') : part.length);
  }
  const out = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const part of parts) {
    const length =
      typeof part === 'string' ? out.write(part, offset + 4, 'utf8') : part.copy(out, offset + 4);
    out.writeUInt32BE(length, offset);
    offset += 4 + length;
  }
  return out;
}

function macOf(
  mac: PreparedHmacSm3,
  kid: string,
  location: FieldLocation,
  iv: Buffer,
  ct: Buffer,
): Buffer {
  return mac.digest(
    lengthPrefixed([
      MAC_DOMAIN,
      kid,
      location.collection,
      location.documentId,
      location.field,
      iv,
      ct,
    ]),
  );
}

/** Base64 that decodes and re-encodes to itself (Node's decoder skips junk silently). */
function strictBase64(value: string): Buffer | undefined {
  const bytes = Buffer.from(value, 'base64');
  return bytes.toString('base64') === value ? bytes : undefined;
}

/**
 * SM4-CBC with a random IV and PKCS#7, then HMAC-SM3 over (kid, collection, documentId, field,
 * iv, ct). The MAC is checked in constant time before anything is decrypted, so a tampered,
 * moved or foreign value is refused with `TamperedFieldError` and never decrypted to garbage.
 */
export class Sm4FieldCipher extends FieldCipher {
  override readonly activeKeyId: string;
  private readonly keys: ReadonlyMap<string, DerivedFieldKeys & { readonly macs: PreparedHmacSm3 }>;
  private readonly ivs = new IvPool();
  /** The active key's encryptor (only the active key encrypts). */
  private readonly encryptor: Sm4CbcEncryptor;

  /** @param fieldKeys `security.fieldKeys`: the first encrypts, all decrypt. */
  constructor(fieldKeys: readonly FieldKey[]) {
    super();
    const [active] = fieldKeys;
    if (active === undefined) throw new RangeError('at least one field key is needed');
    this.activeKeyId = active.kid;
    this.keys = new Map(
      fieldKeys.map((key) => {
        const derived = deriveFieldKeys(key.secret);
        return [key.kid, { ...derived, macs: new PreparedHmacSm3(derived.mac) }];
      }),
    );
    this.encryptor = new Sm4CbcEncryptor(deriveFieldKeys(active.secret).encryption);
  }

  override encrypt(value: unknown, location: FieldLocation): EncryptedField {
    const json: string | undefined = JSON.stringify(value);
    if (json === undefined) {
      throw new TypeError(`cannot encrypt ${typeof value} at ${location.field}: not JSON`);
    }
    const keys = this.keys.get(this.activeKeyId);
    if (keys === undefined) throw new Error('active field key missing');
    const iv = this.ivs.take(SM4_BLOCK_BYTES);
    const ct = this.encryptor.encrypt(iv, Buffer.from(json, 'utf8'));
    const mac = macOf(keys.macs, this.activeKeyId, location, iv, ct);
    return {
      kid: this.activeKeyId,
      iv: iv.toString('base64'),
      ct: ct.toString('base64'),
      mac: mac.toString('base64'),
    };
  }

  override decrypt(encrypted: EncryptedField, location: FieldLocation): unknown {
    if (!isEncryptedField(encrypted)) throw new TamperedFieldError(location, 'malformed');
    const keys = this.keys.get(encrypted.kid);
    if (keys === undefined) throw new TamperedFieldError(location, 'unknown-key');
    const iv = strictBase64(encrypted.iv);
    const ct = strictBase64(encrypted.ct);
    const mac = strictBase64(encrypted.mac);
    if (
      iv?.length !== SM4_BLOCK_BYTES ||
      ct === undefined ||
      ct.length === 0 ||
      ct.length % SM4_BLOCK_BYTES !== 0 ||
      mac?.length !== MAC_BYTES
    ) {
      throw new TamperedFieldError(location, 'malformed');
    }
    if (!equalBytes(macOf(keys.macs, encrypted.kid, location, iv, ct), mac)) {
      throw new TamperedFieldError(location, 'mac-mismatch');
    }
    try {
      return JSON.parse(strictUtf8.decode(sm4CbcDecrypt(keys.encryption, iv, ct))) as unknown;
    } catch {
      // Unreachable unless the MAC key leaked or derivation changed; still never return garbage.
      throw new TamperedFieldError(location, 'malformed');
    }
  }

  override isStale(encrypted: EncryptedField): boolean {
    return encrypted.kid !== this.activeKeyId;
  }
}
