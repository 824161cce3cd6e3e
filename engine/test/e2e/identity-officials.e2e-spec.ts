import { DemoSeeder } from '../../src/modules/identity/demo/demo-seeder';
import { authed, FAST_HASHING_ENV, loginAs } from '../support/auth-helpers';
import { afebrileVisit } from '../support/visit-report';
import { freshPhone } from '../medium/identity/support/identity-fixtures';
import { startE2eApp, type E2eApp } from './e2e-app';

/**
 * Officials created by the province admin: regulators bounded by a region node, the insurance
 * bureau's reviewers, epidemic handlers and designated fever-clinic staff (organisation code).
 */
describe('identity: regulator and organisation accounts (e2e)', () => {
  let sut: E2eApp;
  let provinceAdmin: string;
  let reviewer: string; // demo-reviewer: 东城街道 441900003
  let demoClinicId: string;

  beforeAll(async () => {
    sut = await startE2eApp(__filename, FAST_HASHING_ENV);
    demoClinicId = (await sut.app.get(DemoSeeder).seed()).institutionId;
    provinceAdmin = await loginAs(sut.app, 'demo-province-admin');
    reviewer = await loginAs(sut.app, 'demo-reviewer');
  });

  afterAll(() => sut.close());

  describe('regulator accounts', () => {
    const create = (body: Record<string, unknown>) =>
      authed(sut.app, provinceAdmin)
        .post('/api/admin/users')
        .send({ password: 'Review@2026', displayName: '审核员', ...body });

    it('given an unknown region, a level unsuited to the role and another province, when creating, then 422, 422 and 403', async () => {
      const unknown = await create({
        username: 'r-unknown',
        role: 'district_reviewer',
        regionCode: '441999',
      }).expect(422);
      expect(unknown.body.errors[0]).toMatchObject({ path: '/regionCode', code: 'REGION_UNKNOWN' });
      const level = await create({
        username: 'r-level',
        role: 'district_reviewer',
        regionCode: '441900',
      }).expect(422);
      expect(level.body.errors[0].code).toBe('REGION_LEVEL_MISMATCH');
      const hainan = await create({
        username: 'r-hainan',
        role: 'city_regulator',
        regionCode: '460100',
      }).expect(403);
      expect(hainan.body.errors[0].code).toBe('REGION_OUT_OF_SCOPE');
      const role = await create({
        username: 'r-role',
        role: 'doctor',
        regionCode: '441900',
      }).expect(400);
      expect(role.body.errors[0].path).toBe('/role');
    });

    it('given accounts created, when the province admin lists them, then they appear; a reviewer may not list', async () => {
      await create({
        username: 'r-listed',
        role: 'district_reviewer',
        regionCode: '441900004',
        phone: freshPhone(),
      }).expect(201);
      const page = await authed(sut.app, provinceAdmin)
        .get('/api/admin/users?role=district_reviewer&pageSize=100')
        .expect(200);
      expect(page.body.items.map((o: { username: string }) => o.username)).toEqual(
        expect.arrayContaining(['r-listed', 'demo-reviewer-2', 'demo-reviewer']),
      );
      await authed(sut.app, reviewer).get('/api/admin/users').expect(403);
    });

    it('given a fever clinic account, when its code is missing, unknown, outside the region or given to another role, then 422 naming the field', async () => {
      const refusals = [
        [
          { role: 'fever_clinic', regionCode: '441900005' },
          '/organisationCode',
          'ORGANISATION_REQUIRED',
        ],
        [
          { role: 'fever_clinic', regionCode: '441900005', organisationCode: 'DG999' },
          '/organisationCode',
          'ORGANISATION_UNKNOWN',
        ],
        [
          { role: 'fever_clinic', regionCode: '441900003', organisationCode: 'DG007' },
          '/regionCode',
          'ORGANISATION_OUTSIDE_REGION',
        ],
        [
          { role: 'district_reviewer', regionCode: '441900003', organisationCode: 'DG007' },
          '/organisationCode',
          'ORGANISATION_NOT_APPLICABLE',
        ],
      ] as const;
      for (const [body, path, code] of refusals) {
        const response = await create({ username: `fc-${code.toLowerCase()}`, ...body }).expect(
          422,
        );
        expect(response.body.errors[0]).toMatchObject({ path, code });
      }
    });

    it('given a fever clinic account for 东莞市人民医院, when it signs in, then its account carries the code, the clinic list is not for it and it sees no report', async () => {
      const created = await create({
        username: 'fc-dg007',
        role: 'fever_clinic',
        regionCode: '441900005',
        organisationCode: 'DG007',
      }).expect(201);
      expect(created.body).toMatchObject({ role: 'fever_clinic', organisationCode: 'DG007' });
      const token = await loginAs(sut.app, 'fc-dg007', 'Review@2026');

      const me = await authed(sut.app, token).get('/api/auth/me').expect(200);
      expect(me.body).toMatchObject({ roles: ['fever_clinic'], organisationCode: 'DG007' });
      await authed(sut.app, token).get('/api/clinics?pageSize=100').expect(403);
      const doctor = await loginAs(sut.app, 'demo-doctor');
      await authed(sut.app, doctor)
        .post('/api/forms/patient-visit-report/submissions')
        .set('Idempotency-Key', 'fever-clinic-scope-1')
        .send({ values: afebrileVisit() })
        .expect(201);
      const reviewed = await authed(sut.app, reviewer).get('/api/submissions').expect(200);
      expect(reviewed.body.total).toBeGreaterThan(0);
      const reports = await authed(sut.app, token).get('/api/submissions').expect(200);
      expect(reports.body.total).toBe(0);
    });

    it('given insurance reviewers and epidemic handlers, when created at suitable levels, then they see their region like any regulator; a handler at city level is refused', async () => {
      await create({ username: 'ins-dg', role: 'insurance_reviewer', regionCode: '441900' }).expect(
        201,
      );
      await create({
        username: 'epi-dc',
        role: 'epidemic_handler',
        regionCode: '441900003',
      }).expect(201);
      const cityHandler = await create({
        username: 'epi-city',
        role: 'epidemic_handler',
        regionCode: '441900',
      }).expect(422);
      expect(cityHandler.body.errors[0].code).toBe('REGION_LEVEL_MISMATCH');

      for (const username of ['ins-dg', 'epi-dc']) {
        const token = await loginAs(sut.app, username, 'Review@2026');
        const clinics = await authed(sut.app, token).get('/api/clinics?pageSize=100').expect(200);
        expect(clinics.body.items.map((c: { id: string }) => c.id)).toContain(demoClinicId);
      }
    });
  });
});
