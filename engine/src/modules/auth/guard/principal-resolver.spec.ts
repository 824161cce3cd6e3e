import { Types } from 'mongoose';
import { dataScopeOf, type Principal, type Role } from '../../../common/auth';
import type {
  InstitutionDirectory,
  InstitutionSummary,
} from '../../institutions/institution-directory';
import type { PrincipalFields, UserRepository } from '../accounts/user.repository';
import type { AccessClaims } from '../tokens/access-token.codec';
import type { Clock } from '../../../common/clock';
import type { TokenService } from '../tokens/token.service';
import { PrincipalCache } from './principal-cache';
import { PrincipalResolver } from './principal-resolver';

const id = new Types.ObjectId();
/** The test token's expiry, seconds since the epoch. */
const EXP = 1_800_000_000;

function setup(user: Partial<PrincipalFields> & { roles: Role[] }, tokenVersion = 0) {
  const stored: PrincipalFields = {
    _id: id,
    username: 'u',
    displayName: 'U',
    enabled: true,
    credentialsVersion: 0,
    ...user,
  };
  const reads = { users: 0, institutions: 0, verifications: 0 };
  const time = { nowMs: (EXP - 600) * 1000 };
  const clock = { now: () => new Date(time.nowMs) } as Clock;
  // Verifies like the real codec: the signature ('valid') and expiry on the same clock.
  const tokens = {
    verifyAccess: (token: string): AccessClaims | null => {
      reads.verifications += 1;
      return token === 'valid' && time.nowMs < EXP * 1000
        ? { sub: id.toHexString(), ver: tokenVersion, iat: EXP - 900, exp: EXP, jti: 'j' }
        : null;
    },
  } as unknown as TokenService;
  const users = {
    findPrincipalFields: () => {
      reads.users += 1;
      return Promise.resolve(stored);
    },
  } as unknown as UserRepository;
  const institutions = {
    institution: (institutionId: string) => {
      reads.institutions += 1;
      const summary: InstitutionSummary = {
        id: institutionId,
        name: '东城诊所',
        type: 'clinic',
        status: 'approved',
        regionCode: '441900003',
        regionPath: ['440000', '441900', '441900003'],
      };
      return Promise.resolve(institutionId === 'clinic-1' ? summary : null);
    },
  } as unknown as InstitutionDirectory;
  const cache = new PrincipalCache();
  return {
    sut: new PrincipalResolver(tokens, users, institutions, cache, clock),
    cache,
    reads,
    time,
  };
}

describe('PrincipalResolver', () => {
  it('given clinic staff, when resolved, then their region is their institution district and permissions follow roles', async () => {
    const { sut } = setup({ roles: ['doctor'], institutionId: 'clinic-1' });

    const principal = await sut.resolve('valid');

    expect(principal).toMatchObject({
      userId: id.toHexString(),
      institutionId: 'clinic-1',
      regionCode: '441900003',
    });
    expect(principal?.permissions.has('submissions:write')).toBe(true);
    expect(principal?.permissions.has('definitions:publish')).toBe(false);
  });

  it('given a regulator, when resolved, then their own region code bounds them', async () => {
    const { sut, reads } = setup({ roles: ['district_reviewer'], regionCode: '441900003' });

    expect((await sut.resolve('valid'))?.regionCode).toBe('441900003');
    expect(reads.institutions).toBe(0);
  });

  it('given a fever clinic account, when resolved, then its organisation code and region are on the principal and it sees no submissions', async () => {
    const { sut } = setup({
      roles: ['fever_clinic'],
      regionCode: '441900005',
      organisationCode: 'DG007',
    });

    const principal = await sut.resolve('valid');

    expect(principal).toMatchObject({ organisationCode: 'DG007', regionCode: '441900005' });
    expect(principal?.institutionId).toBeUndefined();
    expect(dataScopeOf(principal as Principal)).toEqual({ kind: 'none' });
  });

  it('given a stray organisation code on an account without an organisation role, when resolved, then it is not a bound', async () => {
    const { sut } = setup({
      roles: ['district_reviewer'],
      regionCode: '441900003',
      organisationCode: 'DG007',
    });

    expect((await sut.resolve('valid'))?.organisationCode).toBeUndefined();
  });

  it('given an insurance reviewer or an epidemic handler, when resolved, then their own region bounds them like any regulator', async () => {
    for (const role of ['insurance_reviewer', 'epidemic_handler'] as const) {
      const { sut } = setup({ roles: [role], regionCode: '441900003' });
      const principal = await sut.resolve('valid');
      expect(dataScopeOf(principal as Principal)).toEqual({
        kind: 'region',
        regionCode: '441900003',
      });
    }
  });

  it('given a patient, when resolved, then their patient id is on the principal', async () => {
    const { sut } = setup({ roles: ['patient'], patientId: 'p-1' });

    expect((await sut.resolve('valid'))?.patientId).toBe('p-1');
  });

  it('given staff of an unknown institution, when resolved, then no region rather than a guess', async () => {
    const { sut } = setup({ roles: ['nurse'], institutionId: 'gone', regionCode: '440000' });

    expect((await sut.resolve('valid'))?.regionCode).toBeUndefined();
  });

  it('given a disabled account or a stale credentials version, when resolved, then nothing', async () => {
    expect(await setup({ roles: ['nurse'], enabled: false }).sut.resolve('valid')).toBeNull();
    expect(
      await setup({ roles: ['nurse'], credentialsVersion: 1 }, 0).sut.resolve('valid'),
    ).toBeNull();
    expect(await setup({ roles: ['nurse'] }).sut.resolve('forged')).toBeNull();
  });

  it('given a burst of requests, when resolved, then the account is read once until invalidated', async () => {
    const { sut, cache, reads } = setup({ roles: ['doctor'], institutionId: 'clinic-1' });

    await sut.resolve('valid');
    await sut.resolve('valid');
    expect(reads).toMatchObject({ users: 1, institutions: 1 });

    cache.invalidate(id.toHexString());
    await sut.resolve('valid');
    expect(reads.users).toBe(2);
  });

  it('given a burst of requests with one token, when resolved, then its signature is checked once', async () => {
    const { sut, reads } = setup({ roles: ['doctor'], institutionId: 'clinic-1' });

    await sut.resolve('valid');
    await sut.resolve('valid');
    await sut.resolve('valid');

    expect(reads.verifications).toBe(1);
  });

  it('given a verified token that has since expired on the clock, when resolved, then nothing', async () => {
    const { sut, time } = setup({ roles: ['doctor'], institutionId: 'clinic-1' });
    expect(await sut.resolve('valid')).not.toBeNull();

    time.nowMs = EXP * 1000;

    expect(await sut.resolve('valid')).toBeNull();
  });

  it('given the clock set back before a token was verified, when resolved, then it is verified again', async () => {
    const { sut, reads, time } = setup({ roles: ['doctor'], institutionId: 'clinic-1' });
    await sut.resolve('valid');

    time.nowMs -= 5000;
    await sut.resolve('valid');

    expect(reads.verifications).toBe(2);
  });

  it('given a token that fails verification, when resolved twice, then it is checked both times', async () => {
    const { sut, reads } = setup({ roles: ['doctor'] });

    expect(await sut.resolve('forged')).toBeNull();
    expect(await sut.resolve('forged')).toBeNull();

    expect(reads.verifications).toBe(2);
  });
});
