import type { Principal } from '../../../common/auth';
import type { NotificationAudience } from './notifications';

/** What decides whether a notification is for someone: the reader's id, roles and scope. */
export type NotificationReader = Pick<
  Principal,
  'userId' | 'roles' | 'institutionId' | 'organisationCode' | 'regionCode'
>;

/**
 * An audience as stored: the lines of `NotificationAudience` flattened for indexes, with the
 * audience region resolved at publish time to its path (province … region), so matching needs
 * no region lookup per reader.
 */
export interface ResolvedAudience {
  readonly audienceUserIds: string[];
  readonly audienceRoles: string[];
  /** Path of the audience's region, root first; empty when the audience names no region. */
  readonly audienceRegionPath: string[];
  readonly audienceInstitutionId: string | null;
  readonly audienceOrganisationCode: string | null;
  /** Whether a region, institution or organisation bounds the audience. */
  readonly scoped: boolean;
}

/** Flattens an audience; `regionPath` is the audience region's path (empty if it names none). */
export function resolveAudience(
  audience: NotificationAudience,
  regionPath: readonly string[],
): ResolvedAudience {
  const institution = audience.institutionId ?? null;
  const organisation = audience.organisationCode ?? null;
  return {
    audienceUserIds: [...(audience.userIds ?? [])],
    audienceRoles: [...(audience.roles ?? [])],
    audienceRegionPath: [...regionPath],
    audienceInstitutionId: institution,
    audienceOrganisationCode: organisation,
    scoped: regionPath.length > 0 || institution !== null || organisation !== null,
  };
}

/**
 * Who the reader is for scoping, as for tasks: staff of an institution by it, staff of an
 * organisation by it, regulators by their region node, anyone else by nothing.
 */
type ReaderScope =
  | { readonly by: 'institution'; readonly id: string }
  | { readonly by: 'organisation'; readonly code: string }
  | { readonly by: 'region'; readonly code: string }
  | { readonly by: 'none' };

function scopeOf(reader: NotificationReader): ReaderScope {
  if (reader.institutionId !== undefined) return { by: 'institution', id: reader.institutionId };
  if (reader.organisationCode !== undefined)
    return { by: 'organisation', code: reader.organisationCode };
  if (reader.regionCode !== undefined) return { by: 'region', code: reader.regionCode };
  return { by: 'none' };
}

/**
 * The rule, in memory (the Mongo filter below must agree with it): a reader named in `userIds`
 * matches; otherwise the reader must hold one of `roles` (when roles are given) and be within the
 * scope (when one is given): staff of the audience's institution, staff of its organisation, or a
 * regulator whose region is the audience's region or one of its ancestors (a city regulator sees
 * a district's notices, a reviewer of another district does not). An audience with neither roles
 * nor scope reaches only its `userIds`.
 */
export function audienceMatches(audience: ResolvedAudience, reader: NotificationReader): boolean {
  if (audience.audienceUserIds.includes(reader.userId)) return true;
  const holdsRole = audience.audienceRoles.some((role) =>
    (reader.roles as readonly string[]).includes(role),
  );
  if (!audience.scoped) return holdsRole;
  if (audience.audienceRoles.length > 0 && !holdsRole) return false;
  const scope = scopeOf(reader);
  switch (scope.by) {
    case 'institution':
      return audience.audienceInstitutionId === scope.id;
    case 'organisation':
      return audience.audienceOrganisationCode === scope.code;
    case 'region':
      return audience.audienceRegionPath.includes(scope.code);
    case 'none':
      return false;
  }
}

/** `audienceMatches` as a MongoDB filter over stored notifications. */
export function audienceFilter(reader: NotificationReader): Record<string, unknown> {
  const roles = [...reader.roles];
  const clauses: Record<string, unknown>[] = [
    { audienceUserIds: reader.userId },
    { scoped: false, audienceRoles: { $in: roles } },
  ];
  const scope = scopeOf(reader);
  const within =
    scope.by === 'institution'
      ? { audienceInstitutionId: scope.id }
      : scope.by === 'organisation'
        ? { audienceOrganisationCode: scope.code }
        : scope.by === 'region'
          ? { audienceRegionPath: scope.code }
          : null;
  if (within !== null) {
    clauses.push({
      ...within,
      $or: [{ audienceRoles: { $size: 0 } }, { audienceRoles: { $in: roles } }],
    });
  }
  return { $or: clauses };
}
