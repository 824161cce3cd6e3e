import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest, Principal } from './principal';
import type { Permission, Role } from './roles';

/** Metadata keys read by the global auth guard (modules/auth). */
export const PUBLIC_ROUTE = 'sentinel:public';
export const REQUIRED_ROLES = 'sentinel:roles';
export const REQUIRED_PERMISSIONS = 'sentinel:permissions';

/** The route needs no token (login, registration, health, published definitions). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The caller needs at least one of these roles (403 otherwise). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);

/** The caller needs every one of these permissions (403 otherwise). */
export const RequirePermissions = (
  ...permissions: Permission[]
): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_PERMISSIONS, permissions);

/** The authenticated caller; on a @Public route it may be undefined (use `OptionalPrincipal`). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal === undefined) throw new Error('CurrentPrincipal used on a route without auth');
    return principal;
  },
);

/** The caller if a valid token was sent, else undefined (public routes that personalise). */
export const OptionalPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
