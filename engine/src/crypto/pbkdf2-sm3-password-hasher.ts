import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { PasswordHasher } from './password-hasher';
import { equalBytes } from './sm3';

/** PBKDF2 as the hasher calls it; a parameter so tests can observe the cost of each path. */
export type Pbkdf2 = (
  password: string,
  salt: Buffer,
  iterations: number,
  keyLength: number,
  digest: 'sm3',
) => Promise<Buffer>;

const nodePbkdf2: Pbkdf2 = promisify(pbkdf2);

export const PASSWORD_HASH_SCHEME = 'pbkdf2-sm3';
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Stored values above this are refused rather than run: a planted row must not stall a login. */
const MAX_ITERATIONS = 10_000_000;
/** `pbkdf2-sm3$<iterations>$<salt: 16 bytes base64>$<hash: 32 bytes base64>` */
const STORED_FORMAT = /^pbkdf2-sm3\$([1-9]\d{0,7})\$([A-Za-z0-9+/]{22}==)\$([A-Za-z0-9+/]{43}=)$/;

interface StoredHash {
  readonly iterations: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function parseStored(stored: unknown): StoredHash | undefined {
  if (typeof stored !== 'string') return undefined;
  const match = STORED_FORMAT.exec(stored);
  if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined)
    return undefined;
  const iterations = Number(match[1]);
  if (iterations > MAX_ITERATIONS) return undefined;
  const salt = Buffer.from(match[2], 'base64');
  const hash = Buffer.from(match[3], 'base64');
  // Canonical base64 only (the regex admits non-zero trailing bits that decode the same).
  if (salt.toString('base64') !== match[2] || hash.toString('base64') !== match[3])
    return undefined;
  return { iterations, salt, hash };
}

/**
 * PBKDF2-HMAC-SM3 (GM/T 0091 style) on Node's thread pool, so hashing never blocks the event
 * loop. Passwords are hashed as given (UTF-8, no normalisation): what the password rule checked
 * is exactly what is hashed.
 */
export class Pbkdf2Sm3PasswordHasher extends PasswordHasher {
  /** @param iterations `security.passwordIterations` (>= 300,000 outside test mode). */
  constructor(
    private readonly iterations: number,
    private readonly derive: Pbkdf2 = nodePbkdf2,
  ) {
    super();
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new RangeError(`PBKDF2 iterations must be an integer from 1 to ${MAX_ITERATIONS}`);
    }
  }

  override async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const hash = await this.derive(password, salt, this.iterations, HASH_BYTES, 'sm3');
    return [
      PASSWORD_HASH_SCHEME,
      this.iterations,
      salt.toString('base64'),
      hash.toString('base64'),
    ].join('$');
  }

  override async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parseStored(stored);
    if (parsed === undefined) {
      // Same cost as a real check, so a broken row does not stand out by its speed.
      await this.burn(password);
      return false;
    }
    const candidate = await this.derive(
      password,
      parsed.salt,
      parsed.iterations,
      HASH_BYTES,
      'sm3',
    );
    return equalBytes(candidate, parsed.hash);
  }

  override needsRehash(stored: string): boolean {
    const parsed = parseStored(stored);
    return parsed === undefined || parsed.iterations < this.iterations;
  }

  override async burn(password: string): Promise<void> {
    await this.derive(password, randomBytes(SALT_BYTES), this.iterations, HASH_BYTES, 'sm3');
  }
}
