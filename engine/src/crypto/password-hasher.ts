/**
 * Password hashing: PBKDF2-HMAC-SM3 (GM/T 0091 style), 16-byte random salt, iterations from
 * configuration (>= 300,000 outside tests), stored self-describing as
 * `pbkdf2-sm3$<iterations>$<salt base64>$<hash base64>` so the cost can rise without a migration.
 */
export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  /** Constant-time; a malformed stored value is `false`, never an exception. */
  abstract verify(password: string, stored: string): Promise<boolean>;
  /** True when the stored hash used fewer iterations than configured now (rehash at next login). */
  abstract needsRehash(stored: string): boolean;
  /**
   * Spends the same time as a real verification, for unknown usernames, so response time does
   * not reveal which accounts exist.
   */
  abstract burn(password: string): Promise<void>;
}
