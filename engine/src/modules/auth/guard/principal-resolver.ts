import { Injectable } from '@nestjs/common';
import {
  CLINIC_ROLES,
  ORGANISATION_ROLES,
  permissionsOf,
  REGULATOR_ROLES,
  type Principal,
  type Role,
} from '../../../common/auth';
import { InstitutionDirectory } from '../../institutions';
import { UserRepository, type PrincipalFields } from '../accounts/user.repository';
import { Clock } from '../../../common/clock';
import type { AccessClaims } from '../tokens/access-token.codec';
import { TokenService } from '../tokens/token.service';
import { PrincipalCache } from './principal-cache';
import { VerifiedTokens } from './verified-tokens';

/**
 * Bearer token → Principal, from the account as stored now: a disabled account or a changed
 * password (credentialsVersion no longer matching the token's `ver`) resolves to nothing.
 */
@Injectable()
export class PrincipalResolver {
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly tokens: TokenService,
    private readonly users: UserRepository,
    private readonly institutions: InstitutionDirectory,
    private readonly cache: PrincipalCache,
    private readonly clock: Clock,
  ) {}

  async resolve(accessToken: string): Promise<Principal | null> {
    const claims = this.claimsOf(accessToken);
    if (claims === null) return null;
    const cached = this.cache.get(claims.sub, claims.ver);
    if (cached !== undefined) return cached;

    const user = await this.users.findPrincipalFields(claims.sub);
    if (user === null || !user.enabled || user.credentialsVersion !== claims.ver) return null;
    const principal = await this.build(user);
    this.cache.set(principal, user.credentialsVersion);
    return principal;
  }

  /** The token's claims if it verifies, remembering a verified token for a second. */
  private claimsOf(accessToken: string): AccessClaims | null {
    const known = this.verified.get(accessToken, this.nowSeconds());
    if (known !== undefined) return known;
    const claims = this.tokens.verifyAccess(accessToken);
    // Read the clock again: the entry must not be used before the second verification ran in.
    if (claims !== null) this.verified.set(accessToken, claims, this.nowSeconds());
    return claims;
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
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
      // Only an organisation role makes the code a bound: task visibility keys on it.
      organisationCode: hasAnyOf(user.roles, ORGANISATION_ROLES)
        ? user.organisationCode
        : undefined,
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
