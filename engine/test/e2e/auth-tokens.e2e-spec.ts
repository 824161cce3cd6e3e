import request from 'supertest';
import { AUDIT_COLLECTION } from '../../src/modules/audit/audit-chain';
import { TokenService } from '../../src/modules/auth/tokens/token.service';
import { authed, DEMO_PASSWORD, loginAs, useAuthTestBed } from '../support/auth-helpers';

const MINUTE = 60_000;

describe('auth: refresh tokens and password changes (e2e)', () => {
  const bed = useAuthTestBed(__filename);
  const { clock, login, newAccount } = bed;

  describe('refresh tokens', () => {
    it('given a refresh token, when refreshed, then a new pair; the old refresh token is spent', async () => {
      const account = await newAccount();
      const first = (await login(account.username).expect(200)).body;

      const second = await request(bed.server)
        .post('/api/auth/refresh')
        .send({ refreshToken: first.refreshToken })
        .expect(200);

      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect(second.body.user.id).toBe(account.id);
      await authed(bed.sut.app, second.body.accessToken).get('/api/auth/me').expect(200);
      const stored = await bed.sut.database.connection
        .collection('refresh_tokens')
        .find({ userId: account.id })
        .toArray();
      expect(JSON.stringify(stored)).not.toContain(first.refreshToken);
      expect(new Set(stored.map((token) => token['familyId'])).size).toBe(1);
    });

    it('given a spent refresh token is replayed, when refreshing, then 401 and the whole family is revoked', async () => {
      const account = await newAccount();
      const first = (await login(account.username).expect(200)).body;
      const second = (
        await request(bed.server)
          .post('/api/auth/refresh')
          .send({ refreshToken: first.refreshToken })
          .expect(200)
      ).body;

      const replay = await request(bed.server)
        .post('/api/auth/refresh')
        .send({ refreshToken: first.refreshToken })
        .expect(401);

      expect(replay.body.error).toBe('INVALID_REFRESH_TOKEN');
      await request(bed.server)
        .post('/api/auth/refresh')
        .send({ refreshToken: second.refreshToken })
        .expect(401);
      const alarm = await bed.sut.database.connection
        .collection(AUDIT_COLLECTION)
        .findOne({ action: 'tamper-detected', actor: account.id });
      expect(alarm?.['details']).toMatchObject({ reason: 'refresh-token-reuse' });
    });

    it('given another session of the same account, when one family is revoked for reuse, then the other lives', async () => {
      const account = await newAccount();
      const phone = (await login(account.username).expect(200)).body;
      const laptop = (await login(account.username).expect(200)).body;
      await request(bed.server)
        .post('/api/auth/refresh')
        .send({ refreshToken: phone.refreshToken });

      await request(bed.server)
        .post('/api/auth/refresh')
        .send({ refreshToken: phone.refreshToken });

      await request(bed.server)
        .post('/api/auth/refresh')
        .send({ refreshToken: laptop.refreshToken })
        .expect(200);
    });

    it('given two refreshes racing with the same token, when both arrive, then one wins and the family is revoked', async () => {
      const account = await newAccount();
      const session = (await login(account.username).expect(200)).body;

      const answers = await Promise.all(
        [1, 2].map(() =>
          request(bed.server)
            .post('/api/auth/refresh')
            .send({ refreshToken: session.refreshToken }),
        ),
      );

      // The replay revokes the family. Depending on who gets there first the spender's rotation
      // either completed (its new token is then refused) or was refused itself: never two winners,
      // and never a usable token afterwards.
      const statuses = answers.map((answer) => answer.status).sort();
      expect([
        [200, 401],
        [401, 401],
      ]).toContainEqual(statuses);
      const winner = answers.find((answer) => answer.status === 200)?.body;
      if (winner !== undefined) {
        await request(bed.server)
          .post('/api/auth/refresh')
          .send({ refreshToken: winner.refreshToken })
          .expect(401);
      }
    });

    it('given a replay revoking the family between a spend and its rotation, when the rotation issues, then it is refused and its new token is revoked too', async () => {
      const tokens = bed.sut.app.get(TokenService);
      const account = await newAccount();
      const session = (await login(account.username).expect(200)).body;

      const spent = await tokens.spend(session.refreshToken);
      await expect(tokens.spend(session.refreshToken)).rejects.toMatchObject({ status: 401 });
      const rotation = tokens.rotate(
        { userId: spent.userId, credentialsVersion: spent.credentialsVersion },
        spent.familyId,
      );

      await expect(rotation).rejects.toMatchObject({ status: 401 });
    });

    it('given a logout, when its refresh token is used, then 401; logging out twice is fine', async () => {
      const account = await newAccount();
      const session = (await login(account.username).expect(200)).body;

      await request(bed.server)
        .post('/api/auth/logout')
        .send({ refreshToken: session.refreshToken })
        .expect(204);
      await request(bed.server)
        .post('/api/auth/logout')
        .send({ refreshToken: session.refreshToken })
        .expect(204);

      await request(bed.server)
        .post('/api/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
    });

    it('given a refresh token past its lifetime, when refreshing, then 401', async () => {
      const account = await newAccount();
      const session = (await login(account.username).expect(200)).body;
      clock.advance(14 * 24 * 60 * MINUTE);

      await request(bed.server)
        .post('/api/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
    });

    it('given a malformed refresh token, when refreshing, then 400 naming the field', async () => {
      const response = await request(bed.server)
        .post('/api/auth/refresh')
        .send({ refreshToken: { $ne: '' } })
        .expect(400);

      expect(response.body.errors[0].path).toBe('/refreshToken');
    });
  });

  describe('password change', () => {
    it('given a password change, when old tokens are used, then the access token is 401 and the refresh token dead', async () => {
      const account = await newAccount();
      const before = (await login(account.username).expect(200)).body;
      const other = (await login(account.username).expect(200)).body;

      const changed = await authed(bed.sut.app, before.accessToken)
        .post('/api/auth/password')
        .send({ oldPassword: DEMO_PASSWORD, newPassword: 'NewPass#2026' })
        .expect(200);

      await authed(bed.sut.app, before.accessToken).get('/api/auth/me').expect(401);
      await authed(bed.sut.app, other.accessToken).get('/api/auth/me').expect(401);
      for (const refreshToken of [before.refreshToken, other.refreshToken]) {
        await request(bed.server).post('/api/auth/refresh').send({ refreshToken }).expect(401);
      }
      await authed(bed.sut.app, changed.body.accessToken).get('/api/auth/me').expect(200);
      await login(account.username).expect(401);
      await login(account.username, 'NewPass#2026').expect(200);
    });

    it('given a new password breaking the rule, when changing, then 422 at /newPassword and nothing changes', async () => {
      const account = await newAccount();
      const token = await loginAs(bed.sut.app, account.username);

      const response = await authed(bed.sut.app, token)
        .post('/api/auth/password')
        .send({ oldPassword: DEMO_PASSWORD, newPassword: 'abcdefgh' })
        .expect(422);

      expect(response.body.errors[0]).toMatchObject({
        path: '/newPassword',
        code: 'PASSWORD_CHARACTER_KINDS',
      });
      await authed(bed.sut.app, token).get('/api/auth/me').expect(200);
    });

    it('given a wrong current password, when changing, then 422 at /oldPassword', async () => {
      const account = await newAccount();
      const token = await loginAs(bed.sut.app, account.username);

      const response = await authed(bed.sut.app, token)
        .post('/api/auth/password')
        .send({ oldPassword: 'Wrong@2026', newPassword: 'NewPass#2026' })
        .expect(422);

      expect(response.body.errors[0].path).toBe('/oldPassword');
    });
  });
});
