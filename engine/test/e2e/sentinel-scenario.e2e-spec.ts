import request from 'supertest';
import type { App } from 'supertest/types';
import { DemoSeeder } from '../../src/modules/identity/identity.module';
import { startE2eApp, type E2eApp } from './e2e-app';
import { VISIT_PATIENT } from '../support/visit-report';

/**
 * The "done when" scenario, over real HTTP on the real AppModule and store: a clinic
 * registers; the demo clinic admin adds a department and a staff member, who logs in and files the
 * daily report; the fever rule refuses an incomplete report; the list masks; search finds the
 * patient; the province admin raises the fever threshold without a restart; the earlier report keeps
 * its version.
 */
const DEMO_PASSWORD = 'Sentinel@2026';
const REPORT = 'patient-visit-report';

/** Filed today: the onset date is the day of the visit. */
const patient = { ...VISIT_PATIENT, onsetDate: '2026-11-20' };

describe('sentinel reporting scenario over HTTP', () => {
  let e2e: E2eApp;
  let http: App;
  let key = 0;
  const idempotencyKey = () => `scenario-${Date.now()}-${++key}`;

  async function login(username: string, password = DEMO_PASSWORD): Promise<string> {
    const response = await request(http).post('/api/auth/login').send({ username, password });
    expect(response.status).toBe(200);
    return (response.body as { accessToken: string }).accessToken;
  }

  beforeAll(async () => {
    e2e = await startE2eApp(__filename);
    http = e2e.app.getHttpServer() as App;
    await e2e.app.get(DemoSeeder).seed();
  }, 120_000);

  afterAll(async () => {
    await e2e.close();
  });

  it('given the whole flow, when walked step by step, then every answer is what a clinic and a province expect', async () => {
    // 1. A new clinic registers through the published registration form.
    const registered = await request(http)
      .post('/api/clinics/register')
      .send({
        institutionName: '东莞市万江场景测试诊所',
        institutionType: 'clinic',
        institutionAddress: { region: '441900005', detail: '万江街道金泰社区 1 号' },
        insuranceDesignated: true,
        loginAccount: '13387519110',
        password: 'Hblgzw135%',
      });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ status: 'pending' });

    // 2. The demo clinic admin adds a department and a staff member.
    const admin = await login('demo-clinic-admin');
    const department = await request(http)
      .post('/api/departments')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        departmentCode: '002',
        departmentName: '口腔科',
        medicalSubject: '12',
        enabled: true,
      });
    expect(department.status).toBe(201);

    const staff = await request(http)
      .post('/api/staff')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        staffName: '黄小俊',
        gender: '2',
        departmentCode: '002',
        position: 'nurse',
        idType: '01',
        idNumber: '11010519491231002X',
        loginUsername: 'scenario-nurse',
        password: 'abc12345',
        role: 'nurse',
        bindPhone: false,
        enabled: true,
      });
    expect(staff.status).toBe(201);

    // 3. The new staff member logs in and fetches 信息上报.
    const nurse = await login('scenario-nurse', 'abc12345');
    const form = await request(http).get(`/api/forms/${REPORT}`);
    expect(form.status).toBe(200);
    const firstVersion = (form.body as { version: number }).version;

    // 4. 38.5 °C without address and referral clinic → 422 naming both paths.
    const incomplete = await request(http)
      .post(`/api/forms/${REPORT}/submissions`)
      .set('Authorization', `Bearer ${nurse}`)
      .set('Idempotency-Key', idempotencyKey())
      .send({ formVersion: firstVersion, values: { ...patient, temperature: 38.5 } });
    expect(incomplete.status).toBe(422);
    const paths = (incomplete.body as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/values/currentAddress', '/values/referralInstitution']),
    );
    for (const error of (incomplete.body as { errors: { message: { zh: string; en: string } }[] })
      .errors) {
      expect(error.message.zh).not.toBe('');
      expect(error.message.en).not.toBe('');
    }

    // 5. Complete → 201 with the fever flag.
    const fever = await request(http)
      .post(`/api/forms/${REPORT}/submissions`)
      .set('Authorization', `Bearer ${nurse}`)
      .set('Idempotency-Key', idempotencyKey())
      .send({
        formVersion: firstVersion,
        values: {
          ...patient,
          temperature: 38.5,
          currentAddress: { region: '441900003', detail: '东城街道某路 8 号' },
          referralInstitution: 'DG007',
        },
      });
    expect(fever.status).toBe(201);
    expect(fever.body).toMatchObject({ formVersion: firstVersion, derived: { fever: true } });
    const feverId = (fever.body as { id: string }).id;

    // 6. The list shows it masked.
    const list = await request(http)
      .get('/api/submissions')
      .query({ form: REPORT, status: 'reported' })
      .set('Authorization', `Bearer ${nurse}`);
    expect(list.status).toBe(200);
    const listed = JSON.stringify(list.body);
    expect(listed).toContain('3624**********0026');
    expect(listed).toContain('136****2323');
    expect(listed).not.toContain('362421199409180026');
    expect(listed).not.toContain('13658582323');

    // 7. Search by ID number finds the returning patient.
    const found = await request(http)
      .get('/api/patients/search')
      .query({ q: '362421199409180026' })
      .set('Authorization', `Bearer ${nurse}`);
    expect(found.status).toBe(200);
    expect(JSON.stringify(found.body)).toContain(feverId);
    expect(JSON.stringify(found.body)).not.toContain('362421199409180026');

    // 8. The province admin publishes feverThreshold 38.0.
    const provinceAdmin = await login('demo-province-admin');
    const published = await request(http)
      .put(`/api/admin/forms/${REPORT}/parameters`)
      .set('Authorization', `Bearer ${provinceAdmin}`)
      .send({ values: { feverThreshold: 38.0 } });
    expect(published.status).toBe(201);
    const secondVersion = (published.body as { version: number }).version;
    expect(secondVersion).toBeGreaterThan(firstVersion);

    // 9. With no restart, a 37.5 °C report without address is accepted on the new version.
    const afterChange = await request(http)
      .post(`/api/forms/${REPORT}/submissions`)
      .set('Authorization', `Bearer ${nurse}`)
      .set('Idempotency-Key', idempotencyKey())
      .send({ values: { ...patient, temperature: 37.5 } });
    expect(afterChange.status).toBe(201);
    expect(afterChange.body).toMatchObject({
      formVersion: secondVersion,
      derived: { fever: false },
    });

    // 10. The earlier report still shows its original version.
    const earlier = await request(http)
      .get(`/api/submissions/${feverId}`)
      .set('Authorization', `Bearer ${nurse}`);
    expect(earlier.status).toBe(200);
    expect(earlier.body).toMatchObject({ formVersion: firstVersion });
  }, 120_000);
});
