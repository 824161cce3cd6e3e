import request from 'supertest';
import type { App } from 'supertest/types';
import { DemoSeeder } from '../../src/modules/identity/identity.module';
import { createAccount, FAST_HASHING_ENV, loginAs } from '../support/auth-helpers';
import { startE2eApp, type E2eApp } from './e2e-app';
import { afebrileVisit } from '../support/visit-report';

/**
 * The "bad input" list and SECURITY.md 6, 7, 10 and 16 on the routes a clinic really uses
 * (the generic guards are also tested on a test-only echo route in http-surface.e2e-spec.ts).
 */
const REPORT = 'patient-visit-report';
const VALID = afebrileVisit();

describe('hostile input and data scope on the report routes', () => {
  let e2e: E2eApp;
  let http: App;
  let doctor: string;
  let keys = 0;

  const submit = (body: unknown) =>
    request(http)
      .post(`/api/forms/${REPORT}/submissions`)
      .set('Authorization', `Bearer ${doctor}`)
      .set('Idempotency-Key', `hostile-${++keys}-abcdef`)
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  const errorOf = (response: request.Response) =>
    response.body as {
      error: string;
      errors: { path: string; message: { zh: string; en: string } }[];
    };

  beforeAll(async () => {
    e2e = await startE2eApp(__filename, { ...FAST_HASHING_ENV });
    http = e2e.app.getHttpServer() as App;
    await e2e.app.get(DemoSeeder).seed();
    doctor = await loginAs(e2e.app, 'demo-doctor');
  }, 120_000);

  afterAll(async () => {
    await e2e.close();
  });

  describe('bodies', () => {
    it.each([
      ['__proto__', '{"values":{"__proto__":{"polluted":1}}}'],
      ['constructor.prototype', '{"values":{"constructor":{"prototype":{"polluted":1}}}}'],
      ['prototype', '{"prototype":{"polluted":1},"values":{}}'],
    ])('given a report body with %s, when submitted, then 400 and no pollution', async (_, raw) => {
      const response = await submit(raw);

      expect(response.status).toBe(400);
      expect(errorOf(response).error).toBe('FORBIDDEN_KEY');
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });

    it('given values nested 33 deep, when submitted, then 400 BODY_TOO_DEEP', async () => {
      let deep: unknown = 'x';
      for (let i = 0; i < 33; i += 1) deep = { d: deep };
      const response = await submit({ values: { ...VALID, imaging: deep } });

      expect(response.status).toBe(400);
      expect(errorOf(response).error).toBe('BODY_TOO_DEEP');
    });

    it('given 501 fields, when submitted, then 400 BODY_TOO_MANY_FIELDS', async () => {
      const wide = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`f${i}`, i]));
      const response = await submit({ values: wide });

      expect(response.status).toBe(400);
      expect(errorOf(response).error).toBe('BODY_TOO_MANY_FIELDS');
    });

    it('given a body over 1 MB, when submitted, then 413', async () => {
      const response = await submit({ values: { ...VALID, imaging: 'x'.repeat(1024 * 1024) } });

      expect(response.status).toBe(413);
    });

    it('given an operator object where a name is expected, when submitted, then refused with the path and nothing stored', async () => {
      const response = await submit({ values: { ...VALID, patientName: { $gt: '' } } });

      expect(response.status).toBe(400);
      expect(errorOf(response)).toMatchObject({ error: 'UNSAFE_KEY' });
      expect(errorOf(response).errors[0]?.path).toBe('/values/patientName/$gt');
      const stored = await e2e.database.connection.collection('submissions').countDocuments();
      expect(stored).toBe(0);
    });

    it('given a $nor key beside the values, when submitted, then 400', async () => {
      const response = await submit({ values: VALID, $nor: [{ status: 'x' }] });

      expect(response.status).toBe(400);
    });

    it('given a temperature as text, when submitted, then 422 at /values/temperature in both languages', async () => {
      const response = await submit({ values: { ...VALID, temperature: 'hot' } });

      expect(response.status).toBe(422);
      const [first] = errorOf(response).errors;
      expect(first?.path).toBe('/values/temperature');
      expect(first?.message.zh).not.toBe('');
      expect(first?.message.en).not.toBe('');
    });

    it('given an unknown form or version, when submitted, then 404', async () => {
      const unknownForm = await request(http)
        .post('/api/forms/no-such-form/submissions')
        .set('Authorization', `Bearer ${doctor}`)
        .set('Idempotency-Key', 'hostile-unknown-form')
        .send({ values: VALID });
      const unknownVersion = await submit({ formVersion: 999, values: VALID });

      expect(unknownForm.status).toBe(404);
      expect(unknownVersion.status).toBe(404);
    });
  });

  describe('queries', () => {
    it.each([
      ['/api/patients/search?q[$ne]=x'],
      ['/api/patients/search?$where=1'],
      ['/api/patients/search?q=a&q=b'],
      ['/api/submissions?form[$ne]=x'],
      ['/api/submissions?status[$nin][]=draft'],
      ['/api/submissions?page[$gt]=0'],
    ])('given %s, when requested, then 400', async (url) => {
      const response = await request(http).get(url).set('Authorization', `Bearer ${doctor}`);

      expect(response.status).toBe(400);
      expect(errorOf(response).errors[0]?.message.zh).toBeTruthy();
    });
  });

  describe('data scope (SECURITY.md 16)', () => {
    let reportId: string;

    beforeAll(async () => {
      const response = await submit({ values: VALID });
      expect(response.status).toBe(201);
      reportId = (response.body as { id: string }).id;
      await createAccount(e2e.app, {
        username: 'reviewer-nancheng',
        roles: ['district_reviewer'],
        regionCode: '441900004',
      });
      await createAccount(e2e.app, {
        username: 'patient-other',
        roles: ['patient'],
        patientId: 'patient-someone-else',
      });
    });

    it('given the reviewer of the report’s district, when listing and reading, then the report is there', async () => {
      const token = await loginAs(e2e.app, 'demo-reviewer');
      const list = await request(http)
        .get('/api/submissions')
        .set('Authorization', `Bearer ${token}`);
      const read = await request(http)
        .get(`/api/submissions/${reportId}`)
        .set('Authorization', `Bearer ${token}`);

      expect(JSON.stringify(list.body)).toContain(reportId);
      expect(read.status).toBe(200);
    });

    it('given a reviewer of another district, when listing and reading by id, then nothing and 404', async () => {
      const token = await loginAs(e2e.app, 'reviewer-nancheng');
      const list = await request(http)
        .get('/api/submissions')
        .set('Authorization', `Bearer ${token}`);
      const read = await request(http)
        .get(`/api/submissions/${reportId}`)
        .set('Authorization', `Bearer ${token}`);

      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 0, items: [] });
      expect(read.status).toBe(404);
    });

    it('given another patient, when reading the report by id, then 404', async () => {
      const token = await loginAs(e2e.app, 'patient-other');
      const read = await request(http)
        .get(`/api/submissions/${reportId}`)
        .set('Authorization', `Bearer ${token}`);

      expect(read.status).toBe(404);
    });
  });
});
