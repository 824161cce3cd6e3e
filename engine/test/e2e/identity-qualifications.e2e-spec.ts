import request from 'supertest';
import type { App } from 'supertest/types';
import { DemoSeeder } from '../../src/modules/identity/demo/demo-seeder';
import { authed, DEMO_PASSWORD, FAST_HASHING_ENV, loginAs } from '../support/auth-helpers';
import {
  departmentValues,
  qualificationValues,
  registerClinic,
  uploadPng,
  type RegisteredClinic,
} from '../medium/identity/support/identity-fixtures';
import { startE2eApp, type E2eApp } from './e2e-app';

describe('identity: doctor qualifications (e2e)', () => {
  let sut: E2eApp;
  let server: App;
  let demoAdmin: string;
  let doctor: string;
  let clinicB: RegisteredClinic;

  const api = (token: string) => authed(sut.app, token);

  async function photos(token: string) {
    return {
      qualification: [await uploadPng(sut.app, token)],
      practice: [await uploadPng(sut.app, token)],
    };
  }

  beforeAll(async () => {
    sut = await startE2eApp(__filename, FAST_HASHING_ENV);
    server = sut.app.getHttpServer() as App;
    await sut.app.get(DemoSeeder).seed();
    demoAdmin = await loginAs(sut.app, 'demo-clinic-admin');
    doctor = await loginAs(sut.app, 'demo-doctor');
    clinicB = await registerClinic(sut.app, { institutionName: '丙诊所' });
    await api(clinicB.token).post('/api/departments').send(departmentValues()).expect(201);
  });

  afterAll(() => sut.close());

  it('given uploaded certificate photos, when a doctor records a qualification, then 201 masked and the photos follow its scope', async () => {
    const files = await photos(doctor);
    const values = qualificationValues(files);
    const created = await api(doctor).post('/api/doctor-qualifications').send(values).expect(201);
    expect(created.body.values).toMatchObject({
      doctorName: '黄**',
      idNumber: expect.stringMatching(/^4419\*{10}\d{3}[\dX]$/),
      practiceScope: ['internalMedicine'],
      qualificationCertPhoto: files.qualification,
    });
    const raw = await sut.database.connection.collection('doctor_qualifications').findOne({});
    expect(JSON.stringify(raw)).not.toContain(String(values['idNumber']));
    expect((raw?.['values'] as Record<string, unknown>)['doctorName']).toMatchObject({
      kid: expect.any(String),
      mac: expect.any(String),
    });
    // Attached to the record: the demo clinic's reviewer may download, clinic B may not.
    const reviewer = await loginAs(sut.app, 'demo-reviewer');
    await api(reviewer).get(`/api/files/${files.qualification[0]}`).expect(200);
    await api(clinicB.token).get(`/api/files/${files.qualification[0]}`).expect(404);
  });

  it("given a file uploaded by clinic B, when the demo doctor references it, then 422 at the photo's path and nothing is stored", async () => {
    const foreign = await uploadPng(sut.app, clinicB.token);
    const before = await sut.database.connection
      .collection('doctor_qualifications')
      .countDocuments();
    const response = await api(doctor)
      .post('/api/doctor-qualifications')
      .send(
        qualificationValues({
          qualification: [foreign],
          practice: [await uploadPng(sut.app, doctor)],
        }),
      )
      .expect(422);
    expect(response.body.errors[0].path).toBe('/qualificationCertPhoto/0');
    expect(await sut.database.connection.collection('doctor_qualifications').countDocuments()).toBe(
      before,
    );
  });

  it('given multi-site practice without the other sites and a scope outside the category, when recorded, then 422 for both', async () => {
    const response = await api(doctor)
      .post('/api/doctor-qualifications')
      .send(
        qualificationValues(await photos(doctor), {
          multiSitePractice: true,
          practiceScope: ['dentistry'],
        }),
      )
      .expect(422);
    const paths = response.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/otherPracticeSites']));
    expect(paths.some((p: string) => p.startsWith('/practiceScope'))).toBe(true);
  });

  it('given an unknown department, when recorded, then 422 at /departmentCode', async () => {
    const response = await api(doctor)
      .post('/api/doctor-qualifications')
      .send(qualificationValues(await photos(doctor), { departmentCode: 'ZZZ' }))
      .expect(422);
    expect(response.body.errors[0]).toMatchObject({
      path: '/departmentCode',
      code: 'DEPARTMENT_UNKNOWN',
    });
  });

  it("given a doctor's qualification, when patched by them and by the admin, then merged; another doctor may not", async () => {
    const created = await api(doctor)
      .post('/api/doctor-qualifications')
      .send(qualificationValues(await photos(doctor)))
      .expect(201);
    const mine = await api(doctor)
      .patch(`/api/doctor-qualifications/${created.body.id}`)
      .send({ title: '232' })
      .expect(200);
    expect(mine.body.values).toMatchObject({ title: '232', doctorName: '黄**' });
    const admin = await api(demoAdmin)
      .patch(`/api/doctor-qualifications/${created.body.id}`)
      .send({ multiSitePractice: true, otherPracticeSites: '东莞市某医院' })
      .expect(200);
    expect(admin.body.values).toMatchObject({ title: '232', multiSitePractice: true });
    await api(demoAdmin)
      .post('/api/staff')
      .send({
        staffName: '周医生',
        gender: '1',
        departmentCode: '001',
        position: 'doctor',
        idType: '03',
        idNumber: 'E12345678',
        loginUsername: 'qual-doctor-2',
        password: DEMO_PASSWORD,
        role: 'outpatientDoctor',
        bindPhone: false,
        enabled: true,
      })
      .expect(201);
    const other = await loginAs(sut.app, 'qual-doctor-2');
    const refused = await api(other)
      .patch(`/api/doctor-qualifications/${created.body.id}`)
      .send({ title: '231' })
      .expect(403);
    expect(refused.body.errors[0].code).toBe('NOT_YOUR_QUALIFICATION');
  });

  it('given an admin with the permission, when reading with ?unmask=true, then clear values; a pharmacist asking is 403', async () => {
    const values = qualificationValues(await photos(doctor), {
      doctorName: '欧阳娜娜',
      gender: '1',
    });
    const created = await api(doctor).post('/api/doctor-qualifications').send(values).expect(201);
    expect(created.body.values.doctorName).toBe('欧阳**');
    const clear = await api(demoAdmin)
      .get(`/api/doctor-qualifications/${created.body.id}?unmask=true`)
      .expect(200);
    expect(clear.body.values).toMatchObject({
      doctorName: '欧阳娜娜',
      idNumber: values['idNumber'],
    });
    const pharmacist = await loginAs(sut.app, 'demo-pharmacist');
    await api(pharmacist).get(`/api/doctor-qualifications/${created.body.id}`).expect(200);
    await api(pharmacist)
      .get(`/api/doctor-qualifications/${created.body.id}?unmask=true`)
      .expect(403);
  });

  it("given clinic B's qualification, when the demo clinic reads or patches it, then 404; lists stay per clinic", async () => {
    const foreign = await api(clinicB.token)
      .post('/api/doctor-qualifications')
      .send(qualificationValues(await photos(clinicB.token)))
      .expect(201);
    await api(demoAdmin).get(`/api/doctor-qualifications/${foreign.body.id}`).expect(404);
    await api(doctor)
      .patch(`/api/doctor-qualifications/${foreign.body.id}`)
      .send({ title: '232' })
      .expect(404);
    const demoList = await api(demoAdmin)
      .get('/api/doctor-qualifications?pageSize=100')
      .expect(200);
    expect(demoList.body.items.map((q: { id: string }) => q.id)).not.toContain(foreign.body.id);
    const bList = await api(clinicB.token).get('/api/doctor-qualifications').expect(200);
    expect(bList.body.items.map((q: { id: string }) => q.id)).toEqual([foreign.body.id]);
    await request(server).get('/api/doctor-qualifications').expect(401);
  });
});
