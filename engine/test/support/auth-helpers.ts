import type { INestApplication } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { Accounts, type AccountView, type NewAccount } from '../../src/modules/auth/accounts';
import { Clock } from '../../src/common/clock';
import { SmsSender } from '../../src/modules/auth/sms/sms-sender';
import { startE2eApp, type E2eApp } from '../e2e/e2e-app';

/** The demo accounts' password (issue #4) and the default for `loginAs` / `createAccount`. */
export const DEMO_PASSWORD = 'Sentinel@2026';

/**
 * PBKDF2 at the production 300,000 iterations costs ~180 ms a hash; suites that create or sign in
 * many accounts pass this to `startE2eApp` (test mode accepts it; production refuses it).
 */
export const FAST_HASHING_ENV = { SENTINEL_PASSWORD_ITERATIONS: '1000' } as const;

function server(app: INestApplication): App {
  return app.getHttpServer() as App;
}

/** Signs in over HTTP and returns the access token; fails the test on anything but 200. */
export async function loginAs(
  app: INestApplication,
  username: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const response = await request(server(app)).post('/api/auth/login').send({ username, password });
  if (response.status !== 200) {
    throw new Error(`login as ${username}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return (response.body as { accessToken: string }).accessToken;
}

/** supertest with `Authorization: Bearer <token>` on every request: `authed(app, t).get('/api/x')`. */
export function authed(app: INestApplication, token: string) {
  const agent = request(server(app));
  const bearer = `Bearer ${token}`;
  return {
    get: (url: string) => agent.get(url).set('Authorization', bearer),
    post: (url: string) => agent.post(url).set('Authorization', bearer),
    put: (url: string) => agent.put(url).set('Authorization', bearer),
    patch: (url: string) => agent.patch(url).set('Authorization', bearer),
    delete: (url: string) => agent.delete(url).set('Authorization', bearer),
  };
}

/** An account straight through `Accounts` (no registration flow); password `DEMO_PASSWORD`. */
export function createAccount(
  app: INestApplication,
  account: Partial<NewAccount> & Pick<NewAccount, 'username' | 'roles'>,
): Promise<AccountView> {
  return app.get(Accounts).create({
    password: DEMO_PASSWORD,
    displayName: account.username,
    ...account,
  });
}

/** A clock tests move by hand: starts at the real now, changes only through `advance`. */
export class ManualClock extends Clock {
  private current = Date.now();

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/** Keeps texts instead of sending them, so a test can read the code a user would receive. */
export class CapturingSmsSender extends SmsSender {
  readonly sent: { phone: string; text: string }[] = [];

  send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text });
    return Promise.resolve();
  }

  /** The six-digit code in the latest text to `phone`. */
  lastCode(phone: string): string {
    const text = this.sent.filter((message) => message.phone === phone).at(-1)?.text;
    const code = text === undefined ? undefined : /\d{6}/.exec(text)?.[0];
    if (code === undefined) throw new Error(`no code texted to ${phone}`);
    return code;
  }
}

/**
 * `startE2eApp` with providers replaced (e.g. `[[Clock, clock], [SmsSender, sms]]`). It wraps the
 * one `Test.createTestingModule` call startE2eApp makes, so both stay the same app.
 */
export async function startE2eAppWith(
  testFile: string,
  overrides: readonly (readonly [abstract new (...args: never[]) => unknown, unknown])[],
  env: Record<string, string> = {},
): Promise<E2eApp> {
  const create = Test.createTestingModule.bind(Test);
  const spy = jest
    .spyOn(Test, 'createTestingModule')
    .mockImplementation((metadata) =>
      overrides.reduce<TestingModuleBuilder>(
        (builder, [token, value]) => builder.overrideProvider(token).useValue(value),
        create(metadata),
      ),
    );
  try {
    return await startE2eApp(testFile, env);
  } finally {
    spy.mockRestore();
  }
}

/** The app, clock and SMS capture an auth suite shares; fields are set once `beforeAll` ran. */
export interface AuthTestBed {
  sut: E2eApp;
  server: App;
  readonly clock: ManualClock;
  readonly sms: CapturingSmsSender;
  /** `POST /api/auth/login`, returning the supertest request so tests assert the status. */
  login(username: string, password?: string): request.Test;
  /** A fresh doctor account (with a fresh phone unless told not to), so tests never share one. */
  newAccount(withPhone?: boolean): Promise<AccountView & { phone: string }>;
}

/**
 * Registers `beforeAll`/`afterAll` for an auth suite: the real app with a manual clock, a
 * capturing SMS sender and fast hashing. Call it inside the suite's `describe`.
 */
export function useAuthTestBed(testFile: string, phonePrefix = '1380000'): AuthTestBed {
  let serial = 0;
  const bed: AuthTestBed = {
    sut: undefined as unknown as E2eApp,
    server: undefined as unknown as App,
    clock: new ManualClock(),
    sms: new CapturingSmsSender(),
    login: (username, password = DEMO_PASSWORD) =>
      request(bed.server).post('/api/auth/login').send({ username, password }),
    async newAccount(withPhone = true) {
      serial += 1;
      const phone = `${phonePrefix}${String(serial).padStart(4, '0')}`;
      const account = await createAccount(bed.sut.app, {
        username: `user-${serial}`,
        roles: ['doctor'],
        ...(withPhone ? { phone } : {}),
      });
      return { ...account, phone };
    },
  };
  beforeAll(async () => {
    bed.sut = await startE2eAppWith(
      testFile,
      [
        [Clock, bed.clock],
        [SmsSender, bed.sms],
      ],
      FAST_HASHING_ENV,
    );
    bed.server = bed.sut.app.getHttpServer() as App;
  });
  afterAll(async () => {
    await bed.sut.close();
  });
  return bed;
}
