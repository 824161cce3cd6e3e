import type { Principal } from './principal';
import { CLINIC_ROLES, REGULATOR_ROLES } from './roles';

/**
 * What records a caller may see. Every stored record that is scoped carries `institutionId`
 * and `regionPath` (the codes from the province down to the institution's district, e.g.
 * `['440000', '441900', '441900003']`), and patient-owned records carry `patientIds`.
 */
export type DataScope =
  | { readonly kind: 'institution'; readonly institutionId: string }
  | { readonly kind: 'region'; readonly regionCode: string }
  | { readonly kind: 'patient'; readonly patientId: string }
  | { readonly kind: 'none' };

/** The widest scope a principal's roles give; regulators win over clinic roles if both. */
export function dataScopeOf(principal: Principal): DataScope {
  const roles = principal.roles as readonly string[];
  if (roles.some((r) => (REGULATOR_ROLES as readonly string[]).includes(r))) {
    return principal.regionCode === undefined
      ? { kind: 'none' }
      : { kind: 'region', regionCode: principal.regionCode };
  }
  if (roles.some((r) => (CLINIC_ROLES as readonly string[]).includes(r))) {
    return principal.institutionId === undefined
      ? { kind: 'none' }
      : { kind: 'institution', institutionId: principal.institutionId };
  }
  if (roles.includes('patient') && principal.patientId !== undefined) {
    return { kind: 'patient', patientId: principal.patientId };
  }
  return { kind: 'none' };
}

/** Field names a collection uses for the scope keys (defaults match the convention above). */
export interface ScopeFields {
  readonly institutionId?: string;
  readonly regionPath?: string;
  readonly patientIds?: string;
}

/**
 * A MongoDB filter restricting a query to the scope. `none` matches nothing (an impossible
 * `_id`), so a forgotten role never widens a query. Values are strings from the token's account,
 * never from the request.
 */
export function scopeFilter(scope: DataScope, fields: ScopeFields = {}): Record<string, unknown> {
  switch (scope.kind) {
    case 'institution':
      return { [fields.institutionId ?? 'institutionId']: scope.institutionId };
    case 'region':
      return { [fields.regionPath ?? 'regionPath']: scope.regionCode };
    case 'patient':
      return { [fields.patientIds ?? 'patientIds']: scope.patientId };
    case 'none':
      return { _id: { $exists: false } };
  }
}

/** The same decision for one record already loaded (e.g. a file's owning record). */
export function inScope(
  scope: DataScope,
  record: {
    readonly institutionId?: string;
    readonly regionPath?: readonly string[];
    readonly patientIds?: readonly string[];
  },
): boolean {
  switch (scope.kind) {
    case 'institution':
      return record.institutionId === scope.institutionId;
    case 'region':
      return record.regionPath?.includes(scope.regionCode) === true;
    case 'patient':
      return record.patientIds?.includes(scope.patientId) === true;
    case 'none':
      return false;
  }
}
