import { Controller, Get, type INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import {
  isRole,
  OptionalPrincipal,
  permissionsOf,
  Public,
  RequirePermissions,
  Roles,
  type Principal,
  type Role,
} from '../../../common/auth';
import { AllExceptionsFilter } from '../../../common/filters/all-exceptions.filter';
import { AuthGuard } from './auth.guard';
import { PrincipalResolver } from './principal-resolver';

function principal(roles: Role[]): Principal {
  return {
    userId: roles.join('.'),
    username: roles.join('.'),
    displayName: 'x',
    roles,
    permissions: permissionsOf(roles),
  };
}

/** Tokens in these tests are role names joined by dots; anything else is an invalid token. */
class FakeResolver {
  resolve(token: string): Promise<Principal | null> {
    const roles = token.split('.');
    return Promise.resolve(roles.every(isRole) ? principal(roles as Role[]) : null);
  }
}

@Controller('t')
class ProbeController {
  @Get('open')
  @Public()
  open(@OptionalPrincipal() caller: Principal | undefined) {
    return { caller: caller?.userId ?? null };
  }

  @Get('any')
  any() {
    return { ok: true };
  }

  @Get('reviewers')
  @Roles('district_reviewer', 'city_regulator')
  reviewers() {
    return { ok: true };
  }

  @Get('publish')
  @RequirePermissions('definitions:publish', 'audit:read')
  publish() {
    return { ok: true };
  }
}

@Public()
@Controller('public-class')
class PublicClassController {
  @Get()
  get() {
    return { ok: true };
  }
}

describe('AuthGuard', () => {
  let app: INestApplication;
  let server: App;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ProbeController, PublicClassController],
      providers: [
        { provide: PrincipalResolver, useClass: FakeResolver },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new AllExceptionsFilter());
    await app.init();
    server = app.getHttpServer() as App;
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (path: string, token?: string) => {
    const call = request(server).get(path);
    return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
  };

  it('given a public route, when called with no, a bad or a good token, then it answers and sees the caller only when valid', async () => {
    expect((await get('/t/open').expect(200)).body).toEqual({ caller: null });
    expect((await get('/t/open', 'bad').expect(200)).body).toEqual({ caller: null });
    expect((await get('/t/open', 'doctor').expect(200)).body).toEqual({ caller: 'doctor' });
    await get('/public-class').expect(200);
  });

  it('given a protected route, when called without a usable token, then 401 UNAUTHENTICATED', async () => {
    expect((await get('/t/any').expect(401)).body.error).toBe('UNAUTHENTICATED');
    await get('/t/any', 'bad').expect(401);
    await request(server).get('/t/any').set('Authorization', 'doctor').expect(401);
    await get('/t/any', 'doctor').expect(200);
  });

  it('given @Roles, when the caller has none of them, then 403 FORBIDDEN; one of them is enough', async () => {
    const refused = await get('/t/reviewers', 'doctor').expect(403);

    expect(refused.body.error).toBe('FORBIDDEN');
    expect(refused.body.errors[0].message.zh).toBeTruthy();
    await get('/t/reviewers', 'city_regulator').expect(200);
  });

  it('given @RequirePermissions, when the caller lacks one of them, then 403; all of them pass', async () => {
    await get('/t/publish', 'policy_editor').expect(403);
    await get('/t/publish', 'province_admin').expect(200);
    await get('/t/publish', 'policy_editor.province_admin').expect(200);
  });
});
