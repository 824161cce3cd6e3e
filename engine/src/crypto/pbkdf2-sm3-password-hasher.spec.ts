import { pbkdf2, pbkdf2Sync } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { AppConfig, parseConfig } from '../config';
import { ConfigModule } from '../config/config.module';
import { CryptoModule } from './crypto.module';
import { PasswordHasher } from './password-hasher';
import { Pbkdf2Sm3PasswordHasher } from './pbkdf2-sm3-password-hasher';

/**
 * Most tests use 1,000 iterations: the format and comparison logic do not depend on the count,
 * and 300,000 costs ~150 ms per derivation on these machines. The default-configuration test
 * below runs the real cost once.
 */
const FAST_ITERATIONS = 1000;

describe('Pbkdf2Sm3PasswordHasher', () => {
  const sut = new Pbkdf2Sm3PasswordHasher(FAST_ITERATIONS);

  it('given a password, when hashed, then the stored form is pbkdf2-sm3$<iter>$<16-byte salt>$<32-byte hash>', async () => {
    const stored = await sut.hash('abc12345');
    const [scheme, iterations, salt, hash, ...rest] = stored.split('$');
    expect(scheme).toBe('pbkdf2-sm3');
    expect(iterations).toBe(String(FAST_ITERATIONS));
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(hash ?? '', 'base64')).toHaveLength(32);
    expect(rest).toEqual([]);
  });

  it('given a stored hash, when recomputed with PBKDF2-HMAC-SM3 directly, then it matches (the format means what it says)', async () => {
    const stored = await sut.hash('Sentinel@2026');
    const [, iterations, salt, hash] = stored.split('$');
    const direct = pbkdf2Sync(
      'Sentinel@2026',
      Buffer.from(salt ?? '', 'base64'),
      Number(iterations),
      32,
      'sm3',
    );
    expect(direct.toString('base64')).toBe(hash);
  });

  it('given one password hashed twice, when compared, then the salts and hashes differ', async () => {
    expect(await sut.hash('abc12345')).not.toBe(await sut.hash('abc12345'));
  });

  it('given a stored hash, when the right and a wrong password are verified, then only the right one passes', async () => {
    const stored = await sut.hash('Hblgzw135%');
    await expect(sut.verify('Hblgzw135%', stored)).resolves.toBe(true);
    await expect(sut.verify('Hblgzw135&', stored)).resolves.toBe(false);
    await expect(sut.verify('', stored)).resolves.toBe(false);
  });

  it('given a hash made with a different iteration count, when verified, then the stored count is used', async () => {
    const stored = await new Pbkdf2Sm3PasswordHasher(2000).hash('abc12345');
    await expect(sut.verify('abc12345', stored)).resolves.toBe(true);
  });

  it.each([
    ['empty', ''],
    ['another scheme', '$2b$10$abcdefghijklmnopqrstuv'],
    ['missing hash', 'pbkdf2-sm3$1000$AAAAAAAAAAAAAAAAAAAAAA=='],
    ['zero iterations', `pbkdf2-sm3$0$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(43)}=`],
    ['absurd iterations', `pbkdf2-sm3$99999999$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(43)}=`],
    ['short salt', `pbkdf2-sm3$1000$AAAA$${'A'.repeat(43)}=`],
    ['junk in base64', `pbkdf2-sm3$1000$AAAAAAAAAAAAAAAAAAAAA!==$${'A'.repeat(43)}=`],
  ])(
    'given a malformed stored value (%s), when verified, then false and no exception',
    async (_, stored) => {
      await expect(sut.verify('abc12345', stored)).resolves.toBe(false);
    },
  );

  it('given hashes with fewer, equal and more iterations than configured, when asked, then only fewer or malformed need a rehash', async () => {
    const weaker = await new Pbkdf2Sm3PasswordHasher(FAST_ITERATIONS - 1).hash('x');
    const stronger = await new Pbkdf2Sm3PasswordHasher(FAST_ITERATIONS + 1).hash('x');
    expect(sut.needsRehash(weaker)).toBe(true);
    expect(sut.needsRehash(await sut.hash('x'))).toBe(false);
    expect(sut.needsRehash(stronger)).toBe(false);
    expect(sut.needsRehash('not a hash')).toBe(true);
  });

  it('given a right password, a wrong one, a malformed stored value and burn, when run, then each costs one derivation of the same iterations (SECURITY 18)', async () => {
    const stored = await sut.hash('abc12345');
    const costs: number[] = [];
    const counting = new Pbkdf2Sm3PasswordHasher(
      FAST_ITERATIONS,
      (password, salt, iterations, length, digest) => {
        costs.push(iterations);
        return new Promise((done, fail) =>
          pbkdf2(password, salt, iterations, length, digest, (error, key) =>
            error ? fail(error) : done(key),
          ),
        );
      },
    );
    await expect(counting.verify('abc12345', stored)).resolves.toBe(true);
    await expect(counting.verify('wrong-password', stored)).resolves.toBe(false);
    await expect(counting.verify('abc12345', 'garbage')).resolves.toBe(false);
    await counting.burn('no-such-user');
    expect(costs).toEqual([FAST_ITERATIONS, FAST_ITERATIONS, FAST_ITERATIONS, FAST_ITERATIONS]);
  });

  it('given the default configuration, when CryptoModule provides the hasher, then it hashes with at least 300,000 iterations and verifies', async () => {
    const config = parseConfig({ SENTINEL_MODE: 'demo' });
    expect(config.security.passwordIterations).toBeGreaterThanOrEqual(300_000);
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), CryptoModule],
    }).compile();
    const hasher = moduleRef.get(PasswordHasher);
    const stored = await hasher.hash('abc12345');
    expect(Number(stored.split('$')[1])).toBeGreaterThanOrEqual(300_000);
    await expect(hasher.verify('abc12345', stored)).resolves.toBe(true);
    expect(moduleRef.get(AppConfig)).toBe(config);
  });
});
