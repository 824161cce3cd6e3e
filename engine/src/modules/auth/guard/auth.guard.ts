import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import {
  PUBLIC_ROUTE,
  REQUIRED_PERMISSIONS,
  REQUIRED_ROLES,
  type AuthenticatedRequest,
  type Permission,
  type Role,
} from '../../../common/auth';
import { authErrors } from '../auth-errors';
import { PrincipalResolver } from './principal-resolver';

const BEARER = /^Bearer ([A-Za-z0-9._-]{1,1024})$/;

/**
 * The global guard (APP_GUARD): every route needs a valid bearer token unless marked
 * `@Public()`. On public routes a valid token still attaches the principal (for
 * `@OptionalPrincipal()`) and an invalid one is ignored. Then `@Roles()` (any of) and
 * `@RequirePermissions()` (all of) are checked: 401 UNAUTHENTICATED without a usable token,
 * 403 FORBIDDEN without the role or permission.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();

    const token = bearerToken(request.headers.authorization);
    const principal = token === null ? null : await this.principals.resolve(token);
    if (principal !== null) request.principal = principal;
    if (isPublic) return true;
    if (principal === null) throw authErrors.unauthenticated();

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (
      roles !== undefined &&
      roles.length > 0 &&
      !roles.some((r) => principal.roles.includes(r))
    ) {
      throw authErrors.forbidden();
    }
    const permissions = this.reflector.getAllAndOverride<Permission[] | undefined>(
      REQUIRED_PERMISSIONS,
      targets,
    );
    if (permissions?.some((permission) => !principal.permissions.has(permission)) === true) {
      throw authErrors.forbidden();
    }
    return true;
  }
}

function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  return BEARER.exec(header)?.[1] ?? null;
}
