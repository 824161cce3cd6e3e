import request from 'supertest';
import { authed, createAccount, loginAs, useAuthTestBed } from '../support/auth-helpers';

const MINUTE = 60_000;
const NEW_PASSWORD = 'Reset#2026x';

describe('auth: SMS codes, password reset and phone binding (e2e)', () => {
  const bed = useAuthTestBed(__filename, '1390000');
  const { clock, sms, login } = bed;
  let serial = 0;

  function freshPhone(): string {
    serial += 1;
    return `1390000${String(serial).padStart(4, '0')}`;
  }

  async function accountWithPhone() {
    const phone = freshPhone();
    const account = await createAccount(bed.sut.app, {
      username: `sms-user-${serial}`,
      phone,
      roles: ['nurse'],
    });
    return { ...account, phone };
  }

  function requestCode(phone: string, purpose = 'password-reset') {
    return request(bed.server).post('/api/auth/sms-codes').send({ phone, purpose });
  }

  function resetPassword(phone: string, code: string, newPassword = NEW_PASSWORD) {
    return request(bed.server).post('/api/auth/password-reset').send({ phone, code, newPassword });
  }

  describe('requesting codes', () => {
    it('given an account phone, when a reset code is requested, then 202 and one six-digit text to that phone', async () => {
      const account = await accountWithPhone();

      const response = await requestCode(account.phone).expect(202);

      expect(response.body).toEqual({ accepted: true, expiresIn: 300 });
      expect(sms.lastCode(account.phone)).toMatch(/^\d{6}$/);
      const stored = await bed.sut.database.connection.collection('sms_codes').find().toArray();
      expect(JSON.stringify(stored)).not.toContain(sms.lastCode(account.phone));
      expect(JSON.stringify(stored)).not.toContain(account.phone);
    });

    it('given a phone without an account, when a reset code is requested, then the same 202 and nothing sent', async () => {
      const phone = freshPhone();
      const before = sms.sent.length;

      const response = await requestCode(phone).expect(202);

      expect(response.body).toEqual({ accepted: true, expiresIn: 300 });
      expect(sms.sent.length).toBe(before);
    });

    it('given a code a moment ago, when another is requested within the minute, then 429 with the wait', async () => {
      const account = await accountWithPhone();
      await requestCode(account.phone).expect(202);
      clock.advance(20_000);

      const response = await requestCode(account.phone, 'login').expect(429);

      expect(response.body.error).toBe('SMS_RATE_LIMITED');
      expect(response.body.errors[0].message.zh).toContain('40 秒');
      expect(response.body.errors[0].message.en).toContain('40 seconds');
      clock.advance(40_000);
      await requestCode(account.phone).expect(202);
    });

    it('given five codes this hour, when a sixth is requested, then 429; an hour after the first, 202', async () => {
      const account = await accountWithPhone();
      for (let request = 0; request < 5; request++) {
        await requestCode(account.phone).expect(202);
        clock.advance(2 * MINUTE);
      }

      await requestCode(account.phone).expect(429);

      clock.advance(50 * MINUTE);
      await requestCode(account.phone).expect(202);
    });

    it('given the rate limit, when a phone without an account is probed, then it answers like one with', async () => {
      const phone = freshPhone();
      await requestCode(phone).expect(202);

      await requestCode(phone).expect(429);
    });

    it('given five requests at once for one phone, when answered, then exactly one code is issued', async () => {
      const account = await accountWithPhone();
      const before = sms.sent.length;

      const answers = await Promise.all(
        Array.from({ length: 5 }, () => requestCode(account.phone)),
      );

      expect(answers.map((answer) => answer.status).sort()).toEqual([202, 429, 429, 429, 429]);
      expect(sms.sent.length).toBe(before + 1);
    });

    it('given a phone that is not a mainland mobile, when requested, then 422 at /phone', async () => {
      const response = await requestCode('12345').expect(422);

      expect(response.body.errors[0]).toMatchObject({ path: '/phone', code: 'PHONE_INVALID' });
    });

    it('given bind-phone without a token, when requested, then 401', async () => {
      await requestCode(freshPhone(), 'bind-phone').expect(401);
    });
  });

  describe('password reset', () => {
    it('given a texted code, when resetting, then the new password works and every old session ends', async () => {
      const account = await accountWithPhone();
      const session = (await login(account.username).expect(200)).body;
      await requestCode(account.phone).expect(202);

      await resetPassword(account.phone, sms.lastCode(account.phone)).expect(204);

      await login(account.username).expect(401);
      await login(account.username, NEW_PASSWORD).expect(200);
      await authed(bed.sut.app, session.accessToken).get('/api/auth/me').expect(401);
      await request(bed.server)
        .post('/api/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
    });

    it('given a code already used, when used again, then refused', async () => {
      const account = await accountWithPhone();
      await requestCode(account.phone).expect(202);
      const code = sms.lastCode(account.phone);
      await resetPassword(account.phone, code).expect(204);

      const reuse = await resetPassword(account.phone, code, 'Another#2026').expect(422);

      expect(reuse.body.errors[0]).toMatchObject({ path: '/code', code: 'SMS_CODE_USED' });
      await login(account.username, NEW_PASSWORD).expect(200);
    });

    it('given a code older than 5 minutes, when used, then refused as expired', async () => {
      const account = await accountWithPhone();
      await requestCode(account.phone).expect(202);
      clock.advance(5 * MINUTE);

      const late = await resetPassword(account.phone, sms.lastCode(account.phone)).expect(422);

      expect(late.body.error).toBe('SMS_CODE_EXPIRED');
      expect(late.body.errors[0].message.zh).toContain('过期');
      await login(account.username).expect(200);
    });

    it('given five wrong codes, when the right one follows, then the code is dead', async () => {
      const account = await accountWithPhone();
      await requestCode(account.phone).expect(202);
      const code = sms.lastCode(account.phone);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let attempt = 0; attempt < 5; attempt++) {
        const answer = await resetPassword(account.phone, wrong).expect(422);
        expect(answer.body.error).toBe('SMS_CODE_WRONG');
      }

      const dead = await resetPassword(account.phone, code).expect(422);

      expect(dead.body.error).toBe('SMS_CODE_EXHAUSTED');
    });

    it('given a code sent for login, when used for a reset, then refused', async () => {
      const account = await accountWithPhone();
      await requestCode(account.phone, 'login').expect(202);

      const answer = await resetPassword(account.phone, sms.lastCode(account.phone)).expect(422);

      expect(answer.body.error).toBe('SMS_CODE_NOT_REQUESTED');
    });

    it('given a new password breaking the rule, when resetting, then 422 at /newPassword and the code survives', async () => {
      const account = await accountWithPhone();
      await requestCode(account.phone).expect(202);
      const code = sms.lastCode(account.phone);

      const weak = await resetPassword(account.phone, code, 'abc 12345').expect(422);

      expect(weak.body.errors[0]).toMatchObject({
        path: '/newPassword',
        code: 'PASSWORD_WHITESPACE',
      });
      await resetPassword(account.phone, code).expect(204);
    });

    it('given a locked account, when the password is reset, then the lock is lifted', async () => {
      const account = await accountWithPhone();
      for (let attempt = 0; attempt < 5; attempt++) {
        await login(account.username, 'Wrong@2026').expect(401);
      }
      await login(account.username).expect(423);
      await requestCode(account.phone).expect(202);

      await resetPassword(account.phone, sms.lastCode(account.phone)).expect(204);

      await login(account.username, NEW_PASSWORD).expect(200);
    });
  });

  describe('SMS login and phone binding', () => {
    it('given a login code, when signing in with it, then tokens for the account holding the phone', async () => {
      const account = await accountWithPhone();
      await requestCode(account.phone, 'login').expect(202);

      const response = await request(bed.server)
        .post('/api/auth/login/sms')
        .send({ phone: account.phone, code: sms.lastCode(account.phone) })
        .expect(200);

      expect(response.body.user.id).toBe(account.id);
      await authed(bed.sut.app, response.body.accessToken).get('/api/auth/me').expect(200);
    });

    it('given a signed-in account without a phone, when it binds one with a code, then it can sign in by that phone', async () => {
      serial += 1;
      const account = await createAccount(bed.sut.app, {
        username: `no-phone-${serial}`,
        roles: ['front_desk'],
      });
      const phone = freshPhone();
      const token = await loginAs(bed.sut.app, account.username);
      await authed(bed.sut.app, token)
        .post('/api/auth/sms-codes')
        .send({ phone, purpose: 'bind-phone' })
        .expect(202);

      const bound = await authed(bed.sut.app, token)
        .post('/api/auth/phone')
        .send({ phone, code: sms.lastCode(phone) })
        .expect(200);

      expect(bound.body.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
      const byPhone = await login(phone).expect(200);
      expect(byPhone.body.user.id).toBe(account.id);
    });

    it('given a phone bound to another account, when binding it, then 409 before any text is sent', async () => {
      const holder = await accountWithPhone();
      serial += 1;
      const other = await createAccount(bed.sut.app, {
        username: `other-${serial}`,
        roles: ['nurse'],
      });
      const token = await loginAs(bed.sut.app, other.username);
      const before = sms.sent.length;

      const answer = await authed(bed.sut.app, token)
        .post('/api/auth/sms-codes')
        .send({ phone: holder.phone, purpose: 'bind-phone' })
        .expect(409);

      expect(answer.body.error).toBe('PHONE_TAKEN');
      expect(sms.sent.length).toBe(before);
    });
  });
});
