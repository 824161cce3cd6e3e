import { Types } from 'mongoose';
import type { Role } from '../../../common/auth';
import type {
  InstitutionDirectory,
  InstitutionSummary,
} from '../../identity/institution-directory';
import type { PrincipalFields, UserRepository } from '../accounts/user.repository';
import type { AccessClaims } from '../tokens/access-token.codec';
import type { TokenService } from '../tokens/token.service';
import { PrincipalCache } from './principal-cache';
import { PrincipalResolver } from './principal-resolver';

const id = new Types.ObjectId();

function setup(user: Partial<PrincipalFields> & { roles: Role[] }, tokenVersion = 0) {
  const stored: PrincipalFields = {
    _id: id,
    username: 'u',
    displayName: 'U',
    enabled: true,
    credentialsVersion: 0,
    ...user,
  };
  const reads = { users: 0, institutions: 0 };
  const tokens = {
    verifyAccess: (token: string): AccessClaims | null =>
      token === 'valid'
        ? { sub: id.toHexString(), ver: tokenVersion, iat: 0, exp: 1, jti: 'j' }
        : null,
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
  return { sut: new PrincipalResolver(tokens, users, institutions, cache), cache, reads };
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
    expect(reads).toEqual({ users: 1, institutions: 1 });

    cache.invalidate(id.toHexString());
    await sut.resolve('valid');
    expect(reads.users).toBe(2);
  });
});
