import type { Permission, Role } from './roles';

/**
 * Who is calling, resolved by the global auth guard from the bearer token and the account as
 * stored now (so a disabled account or a changed password takes effect on the next request).
 */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly permissions: ReadonlySet<Permission>;
  /** Clinic staff: their institution. */
  readonly institutionId?: string;
  /**
   * Region code that bounds what the caller may see: a regulator's own node (province, city or
   * district); for clinic staff, their institution's district.
   */
  readonly regionCode?: string;
  /** Staff of an outside organisation (a designated fever clinic): its dictionary code. */
  readonly organisationCode?: string;
  /** Patients: their own patient record id (family members hang off it). */
  readonly patientId?: string;
}

/** Express request with the principal attached by the guard. */
export interface AuthenticatedRequest {
  principal?: Principal;
}

export function hasPermission(principal: Principal, permission: Permission): boolean {
  return principal.permissions.has(permission);
}
