import request from 'supertest';
import { Accounts } from '../../src/modules/auth/accounts';
import { AUDIT_COLLECTION } from '../../src/modules/audit/audit-chain';
import { AuditLog } from '../../src/modules/audit/audit-log';
import { startE2eApp, type E2eApp } from './e2e-app';

const PASSWORD = 'Audit@2026x';

describe('audit admin endpoints over HTTP', () => {
  let e2e: E2eApp;
  let adminToken: string;
  let editorToken: string;

  async function tokenOf(username: string): Promise<string> {
    const response = await request(e2e.app.getHttpServer())
      .post('/api/auth/login')
      .send({ username, password: PASSWORD })
      .expect(200);
    return (response.body as { accessToken: string }).accessToken;
  }

  const get = (path: string, token?: string) => {
    const call = request(e2e.app.getHttpServer()).get(path);
    return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
  };

  beforeAll(async () => {
    // Low PBKDF2 cost (allowed in test mode only): hashing is not what these tests are about.
    e2e = await startE2eApp(__filename, { SENTINEL_PASSWORD_ITERATIONS: '1000' });
    const accounts = e2e.app.get(Accounts);
    await accounts.create({
      username: 'audit-province-admin',
      password: PASSWORD,
      displayName: '省级管理员',
      roles: ['province_admin'],
      regionCode: '44',
    });
    await accounts.create({
      username: 'audit-policy-editor',
      password: PASSWORD,
      displayName: '政策人员',
      roles: ['policy_editor'],
    });
    adminToken = await tokenOf('audit-province-admin');
    editorToken = await tokenOf('audit-policy-editor');
    const log = e2e.app.get(AuditLog);
    for (let n = 1; n <= 6; n += 1) {
      await log.append({
        action: n % 2 === 0 ? 'unmask' : 'publish',
        actor: 'e2e-actor',
        resource: 'forms',
        resourceId: `form-${n}`,
        details: { n },
      });
    }
  });
  afterAll(() => e2e.close());

  it('given no token, when the audit endpoints are called, then 401', async () => {
    await get('/api/admin/audit/verify').expect(401);
    await get('/api/admin/audit').expect(401);
  });

  it('given a policy editor (no audit:read), when the audit endpoints are called, then 403', async () => {
    await get('/api/admin/audit/verify', editorToken).expect(403);
    await get('/api/admin/audit', editorToken).expect(403);
  });

  it('given a province admin, when the list is filtered by actor and action, then only those entries come, newest first', async () => {
    const response = await get(
      '/api/admin/audit?actor=e2e-actor&action=unmask&pageSize=2',
      adminToken,
    ).expect(200);
    expect(response.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    const items = (response.body as { items: { resourceId: string; action: string }[] }).items;
    expect(items.map((item) => item.resourceId)).toEqual(['form-6', 'form-4']);
  });

  it.each([
    ['pageSize=1000', '/pageSize'],
    ['page=0', '/page'],
    ['action=drop-tables', '/action'],
    ['from=yesterday', '/from'],
    ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', '/from'],
  ])('given %s, when the list is asked for, then 400 naming %s', async (query, path) => {
    const response = await get(`/api/admin/audit?${query}`, adminToken).expect(400);
    const errors = (
      response.body as { errors: { path: string; message: { zh: string; en: string } }[] }
    ).errors;
    expect(errors.map((error) => error.path)).toContain(path);
    expect(errors[0]?.message.zh).toBeTruthy();
  });

  it('given an intact log, when verified over HTTP, then ok with the entry count', async () => {
    const response = await get('/api/admin/audit/verify', adminToken).expect(200);
    const total = await e2e.database.connection.collection(AUDIT_COLLECTION).countDocuments();
    expect(response.body).toMatchObject({ ok: true, entries: total });
    expect(total).toBeGreaterThanOrEqual(6);
  });

  it('given one row edited in the database, when verified over HTTP, then the answer names that row', async () => {
    const rows = e2e.database.connection.collection(AUDIT_COLLECTION);
    const target = await rows.findOne({ actor: 'e2e-actor', resourceId: 'form-3' });
    await rows.updateOne({ _id: target?._id }, { $set: { 'details.n': 99 } });
    const response = await get('/api/admin/audit/verify', adminToken).expect(200);
    expect(response.body).toMatchObject({ ok: false, firstBrokenSeq: target?.['seq'] });
  });
});
