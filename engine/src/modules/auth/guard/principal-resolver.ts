import { Injectable } from '@nestjs/common';
import {
  CLINIC_ROLES,
  permissionsOf,
  REGULATOR_ROLES,
  type Principal,
  type Role,
} from '../../../common/auth';
import { InstitutionDirectory } from '../../identity/institution-directory';
import { UserRepository, type PrincipalFields } from '../accounts/user.repository';
import { TokenService } from '../tokens/token.service';
import { PrincipalCache } from './principal-cache';

/**
 * Bearer token → Principal, from the account as stored now: a disabled account or a changed
 * password (credentialsVersion no longer matching the token's `ver`) resolves to nothing.
 */
@Injectable()
export class PrincipalResolver {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UserRepository,
    private readonly institutions: InstitutionDirectory,
    private readonly cache: PrincipalCache,
  ) {}

  async resolve(accessToken: string): Promise<Principal | null> {
    const claims = this.tokens.verifyAccess(accessToken);
    if (claims === null) return null;
    const cached = this.cache.get(claims.sub, claims.ver);
    if (cached !== undefined) return cached;

    const user = await this.users.findPrincipalFields(claims.sub);
    if (user === null || !user.enabled || user.credentialsVersion !== claims.ver) return null;
    const principal = await this.build(user);
    this.cache.set(principal, user.credentialsVersion);
    return principal;
  }

  private async build(user: PrincipalFields): Promise<Principal> {
    return {
      userId: user._id.toHexString(),
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      permissions: permissionsOf(user.roles),
      institutionId: user.institutionId,
      regionCode: await this.regionCodeOf(user),
      patientId: user.patientId,
    };
  }

  /**
   * Regulators are bounded by their own node; clinic staff by their institution's district, read
   * from the directory so moving a clinic moves its staff (the same precedence as dataScopeOf).
   */
  private async regionCodeOf(user: PrincipalFields): Promise<string | undefined> {
    if (hasAnyOf(user.roles, REGULATOR_ROLES)) return user.regionCode;
    if (hasAnyOf(user.roles, CLINIC_ROLES) && user.institutionId !== undefined) {
      return (await this.institutions.institution(user.institutionId))?.regionCode;
    }
    return user.regionCode;
  }
}

function hasAnyOf(roles: readonly Role[], wanted: readonly Role[]): boolean {
  return roles.some((role) => wanted.includes(role));
}
