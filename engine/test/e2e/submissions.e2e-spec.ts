import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DemoSeeder } from '../../src/modules/identity/demo/demo-seeder';
import { authed, FAST_HASHING_ENV, loginAs } from '../support/auth-helpers';
import { patientValues, registerClinic } from '../medium/identity/support/identity-fixtures';
import { feverReport, normalReport } from '../medium/submissions/submission-fixtures';
import { startE2eApp, type E2eApp } from './e2e-app';

const SUBMIT = '/api/forms/patient-visit-report/submissions';

describe('POST /api/forms/:key/submissions (real AppModule)', () => {
  let e2e: E2eApp;
  let doctor: string;
  let demoClinicId: string;

  const submit = (token: string, body: object, key: string = randomUUID()) =>
    authed(e2e.app, token).post(SUBMIT).set('Idempotency-Key', key).send(body);

  beforeAll(async () => {
    e2e = await startE2eApp(__filename, FAST_HASHING_ENV);
    await e2e.app.get(DemoSeeder).seed();
    doctor = await loginAs(e2e.app, 'demo-doctor');
    const clinics = await authed(e2e.app, doctor).get('/api/clinics');
    demoClinicId = clinics.body.items[0].id as string; // clinic staff see their own clinic only
  });

  afterAll(async () => {
    await e2e.close();
  });

  it('given no or a malformed Idempotency-Key, when submitting, then 400 at /headers/idempotency-key', async () => {
    const missing = await authed(e2e.app, doctor).post(SUBMIT).send({ values: normalReport() });
    const malformed = await submit(doctor, { values: normalReport() }, 'bad key!');

    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({
      path: '/headers/idempotency-key',
      code: 'IDEMPOTENCY_KEY_REQUIRED',
    });
    expect(malformed.body.errors[0]).toMatchObject({
      path: '/headers/idempotency-key',
      code: 'IDEMPOTENCY_KEY_INVALID',
    });
  });

  it('given 38.5 °C without current address and referral institution, when reported, then 422 names both paths in zh and en', async () => {
    const values = feverReport();
    delete values['currentAddress'];
    delete values['referralInstitution'];

    const response = await submit(doctor, { values });

    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      '/values/currentAddress',
      '/values/referralInstitution',
    ]);
    expect(response.body.errors[0].message).toEqual({
      zh: expect.any(String),
      en: expect.any(String),
    });
  });

  it('given a complete fever report, when reported, then 201 with the version, status and fever flag, and one outbox event', async () => {
    const response = await submit(doctor, { values: feverReport() });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      formKey: 'patient-visit-report',
      formVersion: expect.any(Number),
      status: 'reported',
      derived: expect.objectContaining({ fever: true }),
      warnings: [],
      issues: [],
    });
    const event = await e2e.database.connection
      .collection('outbox')
      .findOne({ submissionId: response.body.id });
    expect(event).toMatchObject({
      type: 'submission.accepted',
      institutionId: demoClinicId,
      publishedAt: null,
    });
  });

  it('given a repeat with the same key and body, then the first answer; with another body, then 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const key = randomUUID();
    const first = await submit(doctor, { values: normalReport() }, key);

    const again = await submit(doctor, { values: normalReport() }, key);
    const other = await submit(doctor, { values: normalReport({ temperature: 36.9 }) }, key);

    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(other.status).toBe(409);
    expect(other.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('given 20 concurrent identical requests with one key, then exactly one document and 20 identical answers (SECURITY 1)', async () => {
    const key = randomUUID();
    const body = { values: normalReport({ patientName: '并发' }) };

    const responses = await Promise.all(
      Array.from({ length: 20 }, () => submit(doctor, body, key)),
    );

    expect(new Set(responses.map((r) => `${r.status} ${JSON.stringify(r.body)}`)).size).toBe(1);
    expect(responses[0]!.status).toBe(201);
    expect(
      await e2e.database.connection
        .collection('submissions')
        .countDocuments({ _id: responses[0]!.body.id }),
    ).toBe(1);
  });

  it('given the province admin raised the fever threshold, when a report names the earlier version, then it validates on that version (SECURITY 4)', async () => {
    const before = await submit(doctor, { values: normalReport() });
    const admin = await loginAs(e2e.app, 'demo-province-admin');
    const published = await authed(e2e.app, admin)
      .put('/api/admin/forms/patient-visit-report/parameters')
      .send({ values: { feverThreshold: 38.0 } });
    expect(published.status).toBe(201);
    const values = normalReport({ temperature: 37.5 });

    const pinned = await submit(doctor, { formVersion: before.body.formVersion, values });
    const current = await submit(doctor, { values });

    expect(pinned.status).toBe(422);
    expect(pinned.body.errors.map((e: { path: string }) => e.path)).toContain(
      '/values/currentAddress',
    );
    expect(current.status).toBe(201);
    expect(current.body).toMatchObject({
      formVersion: published.body.version,
      derived: { fever: false },
    });
    const earlier = await authed(e2e.app, doctor).get(`/api/submissions/${before.body.id}`);
    expect(earlier.body).toMatchObject({
      formVersion: before.body.formVersion,
      parameters: { feverThreshold: 37.3 },
    });
  });

  it('given an unknown form or version, when submitting, then 404', async () => {
    const form = await authed(e2e.app, doctor)
      .post('/api/forms/no-such-form/submissions')
      .set('Idempotency-Key', randomUUID())
      .send({ values: {} });
    const version = await submit(doctor, { formVersion: 999, values: normalReport() });

    expect([form.status, form.body.error]).toEqual([404, 'FORM_NOT_FOUND']);
    expect([version.status, version.body.error, version.body.errors[0].path]).toEqual([
      404,
      'FORM_VERSION_NOT_FOUND',
      '/formVersion',
    ]);
  });

  it('given a clinic not yet approved, when its administrator reports, then 403 INSTITUTION_NOT_APPROVED', async () => {
    const clinic = await registerClinic(e2e.app);

    const response = await submit(clinic.token, { values: normalReport() });

    expect(response.status).toBe(403);
    expect(response.body.error).toBe('INSTITUTION_NOT_APPROVED');
    expect(response.body.errors[0].message.zh).toEqual(expect.any(String));
  });

  it('given a patient pre-filling for the demo clinic, when the doctor adds the medical part, then it is reported and the patient can read it', async () => {
    const registration = patientValues();
    const signup = await request(e2e.app.getHttpServer() as App)
      .post('/api/patients/register')
      .send({ values: registration, password: 'Sentinel@2026' });
    expect(signup.status).toBe(201);
    const patient = await loginAs(e2e.app, String(registration['phone']));
    const { temperature, onsetDate, epidemiologicalHistory, mainSymptoms } = normalReport();

    const prefill = await submit(patient, {
      status: 'pending',
      institutionId: demoClinicId,
      values: registration,
    });
    const completed = await authed(e2e.app, doctor)
      .patch(`/api/submissions/${prefill.body.id}`)
      .send({
        status: 'reported',
        values: { temperature, onsetDate, epidemiologicalHistory, mainSymptoms },
      });
    const mine = await authed(e2e.app, patient).get(`/api/submissions/${prefill.body.id}`);

    expect(prefill.status).toBe(201);
    expect(prefill.body).toMatchObject({
      status: 'pending',
      issues: expect.arrayContaining([
        expect.objectContaining({ path: '/temperature', code: 'required' }),
      ]),
    });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'reported', issues: [] });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      status: 'reported',
      values: { patientName: '张*', temperature },
      prefilledBy: { userId: signup.body.userId },
    });
  });
});
