import { randomUUID } from 'node:crypto';
import { DemoSeeder } from '../../src/modules/identity/demo/demo-seeder';
import { authed, FAST_HASHING_ENV, loginAs } from '../support/auth-helpers';
import { registerClinic } from '../medium/identity/support/identity-fixtures';
import { feverReport, normalReport } from '../medium/submissions/submission-fixtures';
import { startE2eApp, type E2eApp } from './e2e-app';

const SUBMIT = '/api/forms/patient-visit-report/submissions';
const SECOND_PATIENT = {
  patientName: '欧阳娜娜',
  idNumber: '11010519491231002X',
  birthDate: '1949-12-31',
  gender: '2',
  phone: '13400005998',
};

describe('reading reports: list, detail, unmask, tampering, search, scope (real AppModule)', () => {
  let e2e: E2eApp;
  let doctor: string;
  let pharmacist: string;
  let feverId: string;
  let normalId: string;
  let secondId: string;

  const submit = async (values: Record<string, unknown>): Promise<string> => {
    const response = await authed(e2e.app, doctor)
      .post(SUBMIT)
      .set('Idempotency-Key', randomUUID())
      .send({ values });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const audited = (action: string, resourceId?: string) =>
    e2e.database.connection
      .collection('audit_log')
      .countDocuments({ action, ...(resourceId ? { resourceId } : {}) });

  beforeAll(async () => {
    e2e = await startE2eApp(__filename, FAST_HASHING_ENV);
    await e2e.app.get(DemoSeeder).seed();
    doctor = await loginAs(e2e.app, 'demo-doctor');
    pharmacist = await loginAs(e2e.app, 'demo-pharmacist');
    normalId = await submit(normalReport());
    feverId = await submit(feverReport());
    secondId = await submit(normalReport(SECOND_PATIENT));
  });

  afterAll(async () => {
    await e2e.close();
  });

  it('given three reports, when the clinic lists them, then newest first, masked, with the total', async () => {
    const response = await authed(e2e.app, pharmacist).get(
      '/api/submissions?status=reported&pageSize=2',
    );

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(response.body.items.map((i: { id: string }) => i.id)).toEqual([secondId, feverId]);
    expect(response.body.items[0].values).toMatchObject({
      patientName: '欧阳**',
      idNumber: '1101**********002X',
      phone: '134****5998',
    });
    expect(JSON.stringify(response.body)).not.toContain('13658582323');
  });

  it('given the fever flag or a bad filter, when listing, then only febrile reports, or 400 naming the query path', async () => {
    const fever = await authed(e2e.app, doctor).get(
      '/api/submissions?flag=fever&form=patient-visit-report',
    );
    const badStatus = await authed(e2e.app, doctor).get('/api/submissions?status=deleted');
    const tooBig = await authed(e2e.app, doctor).get('/api/submissions?pageSize=101');
    const injected = await authed(e2e.app, doctor).get('/api/submissions?status[$ne]=x');

    expect(fever.body.items.map((i: { id: string }) => i.id)).toEqual([feverId]);
    expect([badStatus.status, badStatus.body.errors[0].path]).toEqual([400, '/query/status']);
    expect([tooBig.status, tooBig.body.errors[0].path]).toEqual([400, '/query/pageSize']);
    expect(injected.status).toBe(400);
  });

  it('given a report, when read, then masked and audited; unmasked only with the permission, audited as unmask', async () => {
    const masked = await authed(e2e.app, pharmacist).get(`/api/submissions/${feverId}`);
    const refused = await authed(e2e.app, pharmacist).get(
      `/api/submissions/${feverId}?unmask=true`,
    );
    const clear = await authed(e2e.app, doctor).get(`/api/submissions/${feverId}?unmask=true`);

    expect(masked.body).toMatchObject({
      masked: true,
      values: { idNumber: '3624**********0026', phone: '136****2323' },
    });
    expect([refused.status, refused.body.error]).toEqual([403, 'UNMASK_FORBIDDEN']);
    expect(clear.body).toMatchObject({
      masked: false,
      values: { idNumber: '362421199409180026', phone: '13658582323' },
    });
    expect(await audited('read-personal', feverId)).toBeGreaterThanOrEqual(2);
    expect(await audited('unmask', feverId)).toBe(1);
  });

  it('given the raw document, then personal fields are only {kid,iv,ct,mac} and two reports of one phone differ (SECURITY 11)', async () => {
    const docs = await e2e.database.connection
      .collection('submissions')
      .find({ _id: { $in: [normalId, feverId] } } as never)
      .toArray();

    const phones = docs.map((d) => (d['values'] as { phone: Record<string, string> }).phone);
    expect(phones.map((p) => Object.keys(p).sort())).toEqual([
      ['ct', 'iv', 'kid', 'mac'],
      ['ct', 'iv', 'kid', 'mac'],
    ]);
    expect(phones[0]!['ct']).not.toBe(phones[1]!['ct']);
    expect(JSON.stringify(docs)).not.toMatch(/13658582323|362421199409180026|陈琛/);
  });

  it('given one flipped byte in a stored ciphertext, when read, then null with integrity, a tamper audit row, no 500 (SECURITY 12)', async () => {
    const collection = e2e.database.connection.collection('submissions');
    const doc = await collection.findOne({ _id: normalId } as never);
    const ct = Buffer.from((doc!['values'] as { idNumber: { ct: string } }).idNumber.ct, 'base64');
    ct[0] = ct[0]! ^ 0xff;
    await collection.updateOne({ _id: normalId } as never, {
      $set: { 'values.idNumber.ct': ct.toString('base64') },
    });

    const response = await authed(e2e.app, doctor).get(`/api/submissions/${normalId}`);

    expect(response.status).toBe(200);
    expect(response.body.values.idNumber).toBeNull();
    expect(response.body.values.phone).toBe('136****2323');
    expect(response.body.integrity).toEqual([{ path: '/values/idNumber', code: 'tampered' }]);
    expect(await audited('tamper-detected', normalId)).toBe(1);
  });

  it('given a returning patient, when searched by ID number, phone or name, then the latest patient block, masked, with the report ids', async () => {
    for (const q of ['362421199409180026', '136 5858 2323', '陈琛']) {
      const response = await authed(e2e.app, doctor).get(
        `/api/patients/search?q=${encodeURIComponent(q)}`,
      );

      expect(response.status).toBe(200);
      expect(response.body.items).toHaveLength(1);
      expect(response.body.items[0]).toMatchObject({
        latestSubmissionId: feverId,
        patient: { patientName: '陈*', phone: '136****2323', idNumber: '3624**********0026' },
      });
      expect(response.body.items[0].submissionIds).toEqual(
        expect.arrayContaining([feverId, normalId]),
      );
    }
  });

  it('given a regulator or an empty term, when searching patients, then 403 or 400 at /query/q', async () => {
    const reviewer = await loginAs(e2e.app, 'demo-reviewer');

    const forbidden = await authed(e2e.app, reviewer).get('/api/patients/search?q=13658582323');
    const empty = await authed(e2e.app, doctor).get('/api/patients/search?q=');

    expect(forbidden.status).toBe(403);
    expect([empty.status, empty.body.errors[0].path]).toEqual([400, '/query/q']);
  });

  it('given another clinic, when its administrator reads, lists or searches clinic A’s reports, then 404 and nothing (SECURITY 16)', async () => {
    const other = await registerClinic(e2e.app);

    const byId = await authed(e2e.app, other.token).get(`/api/submissions/${feverId}`);
    const list = await authed(e2e.app, other.token).get('/api/submissions');
    const search = await authed(e2e.app, other.token).get('/api/patients/search?q=13658582323');
    const unknown = await authed(e2e.app, doctor).get(`/api/submissions/${randomUUID()}`);

    expect([byId.status, byId.body.error]).toEqual([404, 'SUBMISSION_NOT_FOUND']);
    expect(byId.body).toEqual(unknown.body);
    expect(list.body).toMatchObject({ items: [], total: 0 });
    expect(search.body.items).toEqual([]);
  });

  it('given the district reviewer of the clinic’s district, when listing, then the clinic’s reports are visible', async () => {
    const reviewer = await loginAs(e2e.app, 'demo-reviewer');

    const response = await authed(e2e.app, reviewer).get('/api/submissions?status=reported');

    expect(response.body.total).toBe(3);
  });
});
