import request from 'supertest';
import { ApiError } from '../../src/common/errors';
import { Pbkdf2Sm3PasswordHasher } from '../../src/crypto/pbkdf2-sm3-password-hasher';
import { AUDIT_COLLECTION } from '../../src/modules/audit/audit-chain';
import { Accounts } from '../../src/modules/auth/accounts';
import {
  authed,
  createAccount,
  DEMO_PASSWORD,
  loginAs,
  useAuthTestBed,
} from '../support/auth-helpers';

const MINUTE = 60_000;

describe('auth: login, the guard and account creation (e2e)', () => {
  const bed = useAuthTestBed(__filename);
  const { clock, login, newAccount } = bed;
  let serial = 0;

  describe('login', () => {
    it('given an account, when logging in by username, then tokens, lifetime and the masked account', async () => {
      const account = await newAccount();

      const response = await login(account.username).expect(200);

      expect(Object.keys(response.body).sort()).toEqual([
        'accessToken',
        'expiresIn',
        'refreshToken',
        'user',
      ]);
      expect(response.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(response.body.refreshToken).toMatch(/^[\w-]{43}$/);
      expect(response.body.expiresIn).toBe(900);
      expect(response.body.user).toEqual({
        id: account.id,
        username: account.username,
        displayName: account.username,
        roles: ['doctor'],
        enabled: true,
        phoneMasked: `${account.phone.slice(0, 3)}****${account.phone.slice(7)}`,
      });
      const header = JSON.parse(
        Buffer.from(response.body.accessToken.split('.')[0], 'base64url').toString(),
      );
      expect(header).toEqual({ alg: 'HSM3', typ: 'JWT' });
    });

    it('given an account with a phone, when logging in by the phone (any common format), then the same account', async () => {
      const account = await newAccount();
      const spaced = `+86 ${account.phone.slice(0, 3)} ${account.phone.slice(3, 7)} ${account.phone.slice(7)}`;

      const plain = await login(account.phone).expect(200);
      const formatted = await login(spaced).expect(200);

      expect(plain.body.user.id).toBe(account.id);
      expect(formatted.body.user.id).toBe(account.id);
    });

    it('given a wrong password and an unknown user, when logging in, then both 401 with identical bodies', async () => {
      const account = await newAccount();

      const wrong = await login(account.username, 'Wrong@2026').expect(401);
      const unknown = await login('nobody-here', 'Wrong@2026').expect(401);

      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.error).toBe('INVALID_CREDENTIALS');
      expect(wrong.body.errors[0].message.zh).toBe('用户名或密码错误');
      expect(wrong.body.errors[0].message.en).toBe('Wrong username or password');
    });

    it('given five wrong passwords within 15 minutes, when the sixth uses the right one, then 423 until the lock ends', async () => {
      const account = await newAccount();
      for (let attempt = 0; attempt < 5; attempt++) {
        await login(account.username, 'Wrong@2026').expect(401);
        clock.advance(2 * MINUTE);
      }

      const locked = await login(account.username).expect(423);

      expect(locked.body.error).toBe('ACCOUNT_LOCKED');
      // Locked for 15 minutes from the fifth failure (8 minutes in), asked 2 minutes later.
      expect(locked.body.errors[0].message.zh).toContain('13 分钟');
      expect(locked.body.errors[0].message.en).toContain('13 more minutes');
      clock.advance(13 * MINUTE);
      await login(account.username).expect(200);
    });

    it('given five failures spread over more than 15 minutes, when the right password comes, then no lock', async () => {
      const account = await newAccount();
      for (let attempt = 0; attempt < 5; attempt++) {
        await login(account.username, 'Wrong@2026').expect(401);
        clock.advance(4 * MINUTE);
      }

      await login(account.username).expect(200);
    });

    it('given four failures then a success, when four more fail, then the account is not locked', async () => {
      const account = await newAccount();
      const failFourTimes = async () => {
        for (let attempt = 0; attempt < 4; attempt++) {
          await login(account.username, 'Wrong@2026').expect(401);
        }
      };

      await failFourTimes();
      await login(account.username).expect(200);
      await failFourTimes();

      await login(account.username).expect(200);
    });

    it('given ten wrong passwords in parallel, when the right one follows, then locked all the same', async () => {
      const account = await newAccount();

      const answers = await Promise.all(
        Array.from({ length: 10 }, () => login(account.username, 'Wrong@2026')),
      );

      expect(answers.every((answer) => [401, 423].includes(answer.status))).toBe(true);
      await login(account.username).expect(423);
      clock.advance(15 * MINUTE);
    });

    it('given a disabled account, when logging in with the right password, then 403; with a wrong one, 401', async () => {
      const account = await newAccount();
      await bed.sut.app.get(Accounts).setEnabled(account.id, false, 'test-admin');

      const disabled = await login(account.username).expect(403);
      await login(account.username, 'Wrong@2026').expect(401);

      expect(disabled.body.error).toBe('ACCOUNT_DISABLED');
    });

    it('given a hash with fewer iterations than configured, when logging in, then the stored hash is upgraded', async () => {
      const account = await newAccount();
      const users = bed.sut.database.connection.collection('users');
      const weak = await new Pbkdf2Sm3PasswordHasher(500).hash(DEMO_PASSWORD);
      await users.updateOne({ username: account.username }, { $set: { passwordHash: weak } });

      await login(account.username).expect(200);

      const stored = await users.findOne({ username: account.username });
      expect(stored?.['passwordHash']).toMatch(/^pbkdf2-sm3\$1000\$/);
      await login(account.username).expect(200);
    });

    it('given logins succeeded and failed, when reading the audit log, then both are there without password or phone', async () => {
      const account = await newAccount();
      await login(account.username, 'Wrong@2026!').expect(401);
      await login(account.phone).expect(200);

      const rows = await bed.sut.database.connection
        .collection(AUDIT_COLLECTION)
        .find({ resourceId: account.id })
        .toArray();

      expect(rows.map((row) => [row['action'], row['actor']])).toEqual(
        expect.arrayContaining([
          ['login-failed', 'anonymous'],
          ['login', account.id],
        ]),
      );
      const text = JSON.stringify(rows);
      expect(text).not.toContain('Wrong@2026!');
      expect(text).not.toContain(DEMO_PASSWORD);
      expect(text).not.toContain(account.phone);
    });
  });

  describe('guard', () => {
    it('given no token, when calling a protected route, then 401 UNAUTHENTICATED in both languages', async () => {
      const response = await request(bed.server).get('/api/auth/me').expect(401);

      expect(response.body).toEqual({
        statusCode: 401,
        error: 'UNAUTHENTICATED',
        errors: [
          {
            path: '',
            code: 'UNAUTHENTICATED',
            message: {
              zh: '未登录或登录已失效，请重新登录',
              en: 'Not signed in or the session has expired; please sign in again',
            },
          },
        ],
      });
    });

    it.each([
      ['a garbage token', 'Bearer not-a-token'],
      ['a wrong scheme', 'Basic dXNlcjpwYXNz'],
      [
        'alg none',
        `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.e30.`,
      ],
    ])('given %s, when calling a protected route, then 401', async (_, header) => {
      await request(bed.server).get('/api/auth/me').set('Authorization', header).expect(401);
    });

    it('given a valid token, when GET /api/auth/me, then the account behind it', async () => {
      const account = await newAccount();
      const token = await loginAs(bed.sut.app, account.username);

      const response = await authed(bed.sut.app, token).get('/api/auth/me').expect(200);

      expect(response.body.id).toBe(account.id);
    });

    it('given public routes, when called without or with a broken token, then they still answer', async () => {
      await request(bed.server).get('/api/health').expect(200);
      await request(bed.server)
        .post('/api/test/echo')
        .set('Authorization', 'Bearer broken')
        .send({ a: 1 })
        .expect(201);
    });

    it('given an access token, when its 15 minutes pass, then 401', async () => {
      const account = await newAccount();
      const token = await loginAs(bed.sut.app, account.username);
      clock.advance(15 * MINUTE);

      await authed(bed.sut.app, token).get('/api/auth/me').expect(401);
    });

    it('given a signed-in account, when it is disabled, then its access and refresh tokens stop working at once', async () => {
      const account = await newAccount();
      const session = (await login(account.username).expect(200)).body;
      await authed(bed.sut.app, session.accessToken).get('/api/auth/me').expect(200);

      await bed.sut.app.get(Accounts).setEnabled(account.id, false, 'test-admin');

      await authed(bed.sut.app, session.accessToken).get('/api/auth/me').expect(401);
      await request(bed.server)
        .post('/api/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
    });
  });

  describe('Accounts.create', () => {
    it('given a taken username or phone, when creating, then 409 at the caller paths', async () => {
      const existing = await newAccount();
      const accounts = bed.sut.app.get(Accounts);
      const paths = { username: '/loginAccount', phone: '/mobile', password: '/pwd' };

      const username = accounts.create(
        {
          username: existing.username,
          password: DEMO_PASSWORD,
          displayName: 'x',
          roles: ['nurse'],
        },
        { paths },
      );
      const phone = accounts.create(
        {
          username: 'someone-else',
          phone: `${existing.phone.slice(0, 3)}-${existing.phone.slice(3)}`,
          password: DEMO_PASSWORD,
          displayName: 'x',
          roles: ['nurse'],
        },
        { paths },
      );

      // Both are awaited together: whichever rejects first must not count as unhandled.
      await Promise.all([
        expect(username).rejects.toMatchObject({
          code: 'USERNAME_TAKEN',
          details: [expect.objectContaining({ path: '/loginAccount' })],
        }),
        expect(phone).rejects.toMatchObject({
          code: 'PHONE_TAKEN',
          details: [expect.objectContaining({ path: '/mobile' })],
        }),
      ]);
    });

    it('given two creations racing for one username, when both finish, then one account and one 409', async () => {
      serial += 1;
      const username = `race-${serial}`;

      const results = await Promise.allSettled(
        [1, 2].map(() => createAccount(bed.sut.app, { username, roles: ['nurse'] })),
      );

      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((result) => result.status === 'rejected');
      expect(refused?.reason).toMatchObject({ code: 'USERNAME_TAKEN' });
      expect(
        await bed.sut.database.connection.collection('users').countDocuments({ username }),
      ).toBe(1);
    });

    it('given a password breaking the rule, when creating, then 422 at the caller path', async () => {
      const attempt = bed.sut.app
        .get(Accounts)
        .create(
          { username: 'weak-one', password: '1234567', displayName: 'x', roles: ['nurse'] },
          { paths: { password: '/pwd' } },
        );

      await expect(attempt).rejects.toBeInstanceOf(ApiError);
      await expect(attempt).rejects.toMatchObject({
        code: 'ACCOUNT_INVALID',
        details: [expect.objectContaining({ path: '/pwd', code: 'PASSWORD_LENGTH' })],
      });
    });

    it('given an account with a phone, when reading the raw document, then only ciphertext and a blind index', async () => {
      const account = await newAccount();

      const raw = await bed.sut.database.connection
        .collection('users')
        .findOne({ username: account.username });

      expect(Object.keys(raw?.['phone'] ?? {}).sort()).toEqual(['ct', 'iv', 'kid', 'mac']);
      expect(raw?.['phoneIndex']).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(raw)).not.toContain(account.phone);
      expect(raw?.['passwordHash']).toMatch(/^pbkdf2-sm3\$/);
    });
  });
});
