import request from 'supertest';
import type { App } from 'supertest/types';
import { AUDIT_COLLECTION } from '../../src/modules/audit/audit-chain';
import { DemoSeeder } from '../../src/modules/identity/demo/demo-seeder';
import { InstitutionDirectory } from '../../src/modules/institutions/institution-directory';
import { authed, FAST_HASHING_ENV, loginAs } from '../support/auth-helpers';
import { clinicValues, registerClinic } from '../medium/identity/support/identity-fixtures';
import { startE2eApp, type E2eApp } from './e2e-app';

interface Page {
  items: { id: string; name: string; regionCode: string; status: string }[];
  total: number;
}

describe('identity: regions, clinic registration, scope and status (e2e)', () => {
  let sut: E2eApp;
  let server: App;
  let provinceAdmin: string;
  let reviewer: string; // demo-reviewer: 东城街道 441900003
  let wanjiangReviewer: string; // 万江街道 441900005
  let dongguanRegulator: string; // 东莞市 441900
  let guangzhouRegulator: string; // 广州市 440100
  let demoClinicId: string;

  async function official(username: string, role: string, regionCode: string): Promise<string> {
    await authed(sut.app, provinceAdmin)
      .post('/api/admin/users')
      .send({ username, password: 'Review@2026', displayName: username, role, regionCode })
      .expect(201);
    return loginAs(sut.app, username, 'Review@2026');
  }

  beforeAll(async () => {
    sut = await startE2eApp(__filename, FAST_HASHING_ENV);
    server = sut.app.getHttpServer() as App;
    demoClinicId = (await sut.app.get(DemoSeeder).seed()).institutionId;
    provinceAdmin = await loginAs(sut.app, 'demo-province-admin');
    reviewer = await loginAs(sut.app, 'demo-reviewer');
    wanjiangReviewer = await official('wanjiang-reviewer', 'district_reviewer', '441900005');
    dongguanRegulator = await official('dongguan-regulator', 'city_regulator', '441900');
    guangzhouRegulator = await official('guangzhou-regulator', 'city_regulator', '440100');
  });

  afterAll(() => sut.close());

  describe('regions', () => {
    it('given no parent, when regions are listed without a token, then the provinces come back', async () => {
      const response = await request(server).get('/api/regions').expect(200);
      expect(response.body).toEqual([
        expect.objectContaining({ code: '440000', level: 1, path: ['440000'], hasChildren: true }),
        expect.objectContaining({ code: '460000', level: 1, path: ['460000'], hasChildren: true }),
      ]);
    });

    it('given Dongguan, when its children are listed, then its towns carry their full path', async () => {
      const response = await request(server).get('/api/regions?parent=441900').expect(200);
      const dongcheng = (response.body as { code: string }[]).find((r) => r.code === '441900003');
      expect(dongcheng).toEqual({
        code: '441900003',
        name: { zh: '东城街道', en: expect.any(String) },
        parent: '441900',
        level: 3,
        path: ['440000', '441900', '441900003'],
        hasChildren: false,
      });
    });

    it('given an unknown or malformed parent, when listed, then 404 and 400 with the path', async () => {
      const unknown = await request(server).get('/api/regions?parent=999999').expect(404);
      expect(unknown.body.errors[0]).toMatchObject({ path: '/parent', code: 'REGION_NOT_FOUND' });
      const malformed = await request(server).get('/api/regions?parent=abc').expect(400);
      expect(malformed.body.errors[0].path).toBe('/parent');
    });

    it('given the directory, when asked for a path and an institution, then both come from the tree and the store', async () => {
      const directory = sut.app.get(InstitutionDirectory);
      expect(await directory.regionPath('441900005')).toEqual(['440000', '441900', '441900005']);
      expect(await directory.regionPath('000000')).toEqual([]);
      expect(await directory.institution(demoClinicId)).toEqual({
        id: demoClinicId,
        name: '东莞市演示诊所',
        type: 'clinic',
        status: 'approved',
        regionCode: '441900003',
        regionPath: ['440000', '441900', '441900003'],
      });
      expect(await directory.institution('not-an-id')).toBeNull();
    });
  });

  describe('registration', () => {
    it('given the form values, when a clinic registers, then 201 pending, the admin can log in and the audit names no phone', async () => {
      const values = clinicValues({ institutionName: '东莞市万江某某诊所' });
      const response = await request(server).post('/api/clinics/register').send(values).expect(201);
      expect(response.body).toEqual({
        institutionId: expect.stringMatching(/^[0-9a-f]{24}$/),
        status: 'pending',
        adminUserId: expect.stringMatching(/^[0-9a-f]{24}$/),
      });
      const token = await loginAs(sut.app, String(values['loginAccount']));
      const own = await authed(sut.app, token)
        .get(`/api/clinics/${response.body.institutionId}`)
        .expect(200);
      expect(own.body).toMatchObject({
        name: '东莞市万江某某诊所',
        status: 'pending',
        regionPath: ['440000', '441900', '441900003'],
        address: { region: '441900003', detail: '东城街道测试路 8 号' },
        insuranceDesignated: true,
      });
      const audit = await sut.database.connection
        .collection(AUDIT_COLLECTION)
        .findOne({ resource: 'institutions', resourceId: response.body.institutionId });
      expect(audit).toMatchObject({ action: 'create', actor: response.body.adminUserId });
      expect(JSON.stringify(audit)).not.toContain(String(values['loginAccount']));
    });

    it('given missing type, no address detail and a landline, when registering, then 422 naming each path', async () => {
      const values = clinicValues({
        institutionAddress: { region: '441900005' },
        loginAccount: '0769-12345678',
      });
      delete values['institutionType'];
      const response = await request(server).post('/api/clinics/register').send(values).expect(422);
      expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        '/institutionAddress',
        '/institutionType',
        '/loginAccount',
      ]);
      expect(response.body.errors[0].message).toEqual({
        zh: expect.any(String),
        en: expect.any(String),
      });
    });

    it('given a registered name with extra spaces, when another clinic registers it, then 409 INSTITUTION_NAME_TAKEN', async () => {
      await registerClinic(sut.app, { institutionName: '东莞市重名诊所' });
      const response = await request(server)
        .post('/api/clinics/register')
        .send(clinicValues({ institutionName: '  东莞市重名诊所 ' }))
        .expect(409);
      expect(response.body.errors[0]).toMatchObject({
        path: '/institutionName',
        code: 'INSTITUTION_NAME_TAKEN',
      });
    });

    it('given a phone that already has an account, when a new clinic registers with it, then 409 and no institution is left behind', async () => {
      const first = await registerClinic(sut.app);
      const name = '东莞市手机号冲突诊所';
      const refused = await request(server)
        .post('/api/clinics/register')
        .send(clinicValues({ institutionName: name, loginAccount: first.phone }))
        .expect(409);
      expect(refused.body.errors[0].path).toBe('/loginAccount');
      expect(
        await sut.database.connection.collection('institutions').countDocuments({ name }),
      ).toBe(0);
      // The name is still free: the failed account took its institution with it.
      await request(server)
        .post('/api/clinics/register')
        .send(clinicValues({ institutionName: name }))
        .expect(201);
    });

    it('given a weak password, when registering, then 422 at /password and nothing is stored', async () => {
      const name = '东莞市弱密码诊所';
      const response = await request(server)
        .post('/api/clinics/register')
        .send(clinicValues({ institutionName: name, password: 'abcdefghij' }))
        .expect(422);
      expect(response.body.errors[0].path).toBe('/password');
      expect(
        await sut.database.connection.collection('institutions').countDocuments({ name }),
      ).toBe(0);
    });
  });

  describe('data scope', () => {
    let wanjiangClinic: string;
    let guangzhouClinic: string;

    beforeAll(async () => {
      wanjiangClinic = (
        await registerClinic(sut.app, {
          institutionName: '万江范围测试诊所',
          institutionAddress: { region: '441900005', detail: '万江街道 2 号' },
        })
      ).institutionId;
      guangzhouClinic = (
        await registerClinic(sut.app, {
          institutionName: '天河范围测试诊所',
          institutionAddress: { region: '440106', detail: '天河路 3 号' },
        })
      ).institutionId;
    });

    async function listed(token: string, query = ''): Promise<Page> {
      return (await authed(sut.app, token).get(`/api/clinics?pageSize=100${query}`).expect(200))
        .body as Page;
    }

    it('given a district reviewer, when listing clinics, then only clinics of their district appear', async () => {
      const page = await listed(wanjiangReviewer);
      expect(page.items.map((c) => c.id)).toEqual([wanjiangClinic]);
      expect(page.total).toBe(1);
      expect((await listed(reviewer)).items.every((c) => c.regionCode === '441900003')).toBe(true);
    });

    it('given a city regulator, when listing clinics, then every Dongguan clinic and no Guangzhou one appears', async () => {
      const ids = (await listed(dongguanRegulator)).items.map((c) => c.id);
      expect(ids).toEqual(expect.arrayContaining([wanjiangClinic, demoClinicId]));
      expect(ids).not.toContain(guangzhouClinic);
      expect((await listed(guangzhouRegulator)).items.map((c) => c.id)).toEqual([guangzhouClinic]);
    });

    it('given a province admin, when filtering by status and name, then only matching clinics appear', async () => {
      const approved = await listed(provinceAdmin, '&status=approved');
      expect(approved.items.map((c) => c.id)).toEqual([demoClinicId]);
      const byName = await listed(provinceAdmin, `&name=${encodeURIComponent('天河')}`);
      expect(byName.items.map((c) => c.id)).toEqual([guangzhouClinic]);
      const regexLike = await listed(provinceAdmin, `&name=${encodeURIComponent('.*')}`);
      expect(regexLike.total).toBe(0);
    });

    it('given a clinic user, when listing and reading, then only their own clinic; another clinic by id is 404', async () => {
      const doctor = await loginAs(sut.app, 'demo-doctor');
      expect((await listed(doctor)).items.map((c) => c.id)).toEqual([demoClinicId]);
      const other = await authed(sut.app, doctor).get(`/api/clinics/${wanjiangClinic}`).expect(404);
      expect(other.body).toMatchObject({ statusCode: 404, error: 'NOT_FOUND' });
      await authed(sut.app, wanjiangReviewer).get(`/api/clinics/${demoClinicId}`).expect(404);
      await authed(sut.app, wanjiangReviewer).get('/api/clinics/not-an-id').expect(404);
    });
  });

  describe('status decisions', () => {
    it('given a pending clinic, when its district reviewer approves it, then it is approved with history and audit', async () => {
      const clinic = await registerClinic(sut.app, {
        institutionAddress: { region: '441900005', detail: '万江街道 5 号' },
      });
      const response = await authed(sut.app, wanjiangReviewer)
        .post(`/api/clinics/${clinic.institutionId}/status`)
        .send({ status: 'approved' })
        .expect(200);
      expect(response.body.status).toBe('approved');
      expect(response.body.statusHistory.map((h: { status: string }) => h.status)).toEqual([
        'pending',
        'approved',
      ]);
      const audit = await sut.database.connection
        .collection(AUDIT_COLLECTION)
        .findOne({ resource: 'institutions', resourceId: clinic.institutionId, action: 'update' });
      expect(audit?.['details']).toMatchObject({ from: 'pending', to: 'approved' });
      expect(
        (await sut.app.get(InstitutionDirectory).institution(clinic.institutionId))?.status,
      ).toBe('approved');
    });

    it('given a rejection without reason, when posted, then 422 at /reason; with a reason it is rejected', async () => {
      const clinic = await registerClinic(sut.app);
      const url = `/api/clinics/${clinic.institutionId}/status`;
      const missing = await authed(sut.app, reviewer)
        .post(url)
        .send({ status: 'rejected' })
        .expect(422);
      expect(missing.body.errors[0]).toMatchObject({ path: '/reason', code: 'REASON_REQUIRED' });
      const rejected = await authed(sut.app, reviewer)
        .post(url)
        .send({ status: 'rejected', reason: '执业许可证照片不清晰' })
        .expect(200);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        statusReason: '执业许可证照片不清晰',
      });
      const invalid = await authed(sut.app, reviewer)
        .post(url)
        .send({ status: 'approved' })
        .expect(409);
      expect(invalid.body.errors[0].code).toBe('INVALID_STATUS_TRANSITION');
    });

    it('given a clinic outside the reviewer region or a clinic user, when changing status, then 404 and 403', async () => {
      const clinic = await registerClinic(sut.app);
      await authed(sut.app, wanjiangReviewer)
        .post(`/api/clinics/${clinic.institutionId}/status`)
        .send({ status: 'approved' })
        .expect(404);
      await authed(sut.app, clinic.token)
        .post(`/api/clinics/${clinic.institutionId}/status`)
        .send({ status: 'approved' })
        .expect(403);
      const unchanged = await authed(sut.app, clinic.token)
        .get(`/api/clinics/${clinic.institutionId}`)
        .expect(200);
      expect(unchanged.body.status).toBe('pending');
    });
  });
});
