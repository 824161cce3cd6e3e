import request from 'supertest';
import type { App } from 'supertest/types';
import { AUDIT_COLLECTION } from '../../src/modules/audit/audit-chain';
import { DemoSeeder } from '../../src/modules/identity/demo/demo-seeder';
import { authed, DEMO_PASSWORD, FAST_HASHING_ENV, loginAs } from '../support/auth-helpers';
import {
  departmentValues,
  registerClinic,
  staffValues,
  type RegisteredClinic,
} from '../medium/identity/support/identity-fixtures';
import { startE2eApp, type E2eApp } from './e2e-app';

describe('identity: departments and staff (e2e)', () => {
  let sut: E2eApp;
  let server: App;
  let demoAdmin: string;
  let clinicB: RegisteredClinic;

  const api = (token: string) => authed(sut.app, token);

  beforeAll(async () => {
    sut = await startE2eApp(__filename, FAST_HASHING_ENV);
    server = sut.app.getHttpServer() as App;
    await sut.app.get(DemoSeeder).seed();
    demoAdmin = await loginAs(sut.app, 'demo-clinic-admin');
    clinicB = await registerClinic(sut.app, { institutionName: '乙诊所' });
    await api(clinicB.token).post('/api/departments').send(departmentValues()).expect(201);
  });

  afterAll(() => sut.close());

  describe('departments', () => {
    it('given the department form values, when added, then 201; the same code again is 409', async () => {
      const created = await api(demoAdmin)
        .post('/api/departments')
        .send(
          departmentValues({
            departmentCode: 'D10',
            departmentName: '口腔科',
            medicalSubject: '12',
          }),
        )
        .expect(201);
      expect(created.body).toMatchObject({
        departmentCode: 'D10',
        departmentName: '口腔科',
        enabled: true,
      });
      const again = await api(demoAdmin)
        .post('/api/departments')
        .send(departmentValues({ departmentCode: 'D10' }))
        .expect(409);
      expect(again.body.errors[0]).toMatchObject({
        path: '/departmentCode',
        code: 'DEPARTMENT_CODE_TAKEN',
      });
    });

    it('given a code with spaces and an unknown field, when added, then 422 naming both paths', async () => {
      const response = await api(demoAdmin)
        .post('/api/departments')
        .send(departmentValues({ departmentCode: '口腔 01', floor: '2' }))
        .expect(422);
      expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        '/departmentCode',
        '/floor',
      ]);
    });

    it('given a department, when patched, then merged and re-validated; a wrong type is 422', async () => {
      const created = await api(demoAdmin)
        .post('/api/departments')
        .send(departmentValues({ departmentCode: 'D11' }));
      const patched = await api(demoAdmin)
        .patch(`/api/departments/${created.body.id}`)
        .send({ departmentName: '中医科', medicalSubject: null })
        .expect(200);
      expect(patched.body).toMatchObject({
        departmentCode: 'D11',
        departmentName: '中医科',
        medicalSubject: null,
      });
      const wrong = await api(demoAdmin)
        .patch(`/api/departments/${created.body.id}`)
        .send({ enabled: '是' })
        .expect(422);
      expect(wrong.body.errors[0]).toMatchObject({ path: '/enabled', code: 'wrong-type' });
    });

    it('given a department staff refer to, when deleted, then 409 DEPARTMENT_IN_USE; disabled instead it stays', async () => {
      const list = await api(demoAdmin).get('/api/departments?enabled=true').expect(200);
      const general = list.body.items.find(
        (d: { departmentCode: string }) => d.departmentCode === '001',
      );
      const refused = await api(demoAdmin).delete(`/api/departments/${general.id}`).expect(409);
      expect(refused.body.errors[0].code).toBe('DEPARTMENT_IN_USE');
      const unused = await api(demoAdmin)
        .post('/api/departments')
        .send(departmentValues({ departmentCode: 'D12' }));
      await api(demoAdmin).delete(`/api/departments/${unused.body.id}`).expect(204);
      await api(demoAdmin).get(`/api/departments/${unused.body.id}`).expect(404);
      const renumber = await api(demoAdmin)
        .patch(`/api/departments/${general.id}`)
        .send({ departmentCode: '009' })
        .expect(409);
      expect(renumber.body.errors[0].code).toBe('DEPARTMENT_IN_USE');
    });

    it("given clinic B's department, when the demo clinic reads, patches or deletes it, then 404 and its list lacks it", async () => {
      const own = await api(clinicB.token).get('/api/departments').expect(200);
      const foreign = own.body.items[0].id as string;
      await api(demoAdmin).get(`/api/departments/${foreign}`).expect(404);
      await api(demoAdmin)
        .patch(`/api/departments/${foreign}`)
        .send({ departmentName: 'x' })
        .expect(404);
      await api(demoAdmin).delete(`/api/departments/${foreign}`).expect(404);
      const demoList = await api(demoAdmin).get('/api/departments?pageSize=100').expect(200);
      expect(demoList.body.items.map((d: { id: string }) => d.id)).not.toContain(foreign);
    });

    it('given a doctor, when reading departments, then allowed; when writing, then 403', async () => {
      const doctor = await loginAs(sut.app, 'demo-doctor');
      await api(doctor).get('/api/departments').expect(200);
      await api(doctor)
        .post('/api/departments')
        .send(departmentValues({ departmentCode: 'D13' }))
        .expect(403);
    });
  });

  describe('staff', () => {
    it('given the staff form values, when added, then 201 masked, the raw record holds ciphertext and the new login works', async () => {
      const values = staffValues({ staffName: '王医生' });
      const response = await api(demoAdmin).post('/api/staff').send(values).expect(201);
      const idNumber = String(values['idNumber']);
      expect(response.body).toMatchObject({
        staffName: '王**',
        idNumber: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
        bindPhoneNumber: expect.stringMatching(/^139\*{4}\d{4}$/),
        role: 'outpatientDoctor',
        accountRole: 'doctor',
      });
      const raw = await sut.database.connection
        .collection('staff')
        .findOne({ userId: response.body.userId });
      expect(raw?.['idNumber']).toEqual({
        kid: expect.any(String),
        iv: expect.any(String),
        ct: expect.any(String),
        mac: expect.any(String),
      });
      expect(JSON.stringify(raw)).not.toContain(idNumber);
      expect(JSON.stringify(raw)).not.toContain('王医生');
      const token = await loginAs(sut.app, String(values['loginUsername']));
      const ownClinic = await api(token).get('/api/departments').expect(200);
      expect(ownClinic.body.total).toBeGreaterThan(0);
    });

    it('given an unknown and a disabled department, when staff are added, then 422 at /departmentCode', async () => {
      const unknown = await api(demoAdmin)
        .post('/api/staff')
        .send(staffValues({ departmentCode: 'NOPE' }))
        .expect(422);
      expect(unknown.body.errors[0]).toMatchObject({
        path: '/departmentCode',
        code: 'DEPARTMENT_UNKNOWN',
      });
      await api(demoAdmin)
        .post('/api/departments')
        .send(departmentValues({ departmentCode: 'OFF', enabled: false }))
        .expect(201);
      const disabled = await api(demoAdmin)
        .post('/api/staff')
        .send(staffValues({ departmentCode: 'OFF' }))
        .expect(422);
      expect(disabled.body.errors[0]).toMatchObject({
        path: '/departmentCode',
        code: 'DEPARTMENT_DISABLED',
      });
    });

    it('given a wrong check digit and a bad role, when added, then 422 with form paths', async () => {
      const values = staffValues({ idNumber: '11010519491231002Y', role: 'surgeon' });
      const response = await api(demoAdmin).post('/api/staff').send(values).expect(422);
      expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        '/idNumber',
        '/role',
      ]);
    });

    it('given an ID number already on staff, when added again with a new login, then 409 and that login stays free', async () => {
      const first = staffValues();
      await api(demoAdmin).post('/api/staff').send(first).expect(201);
      const second = staffValues({ idNumber: first['idNumber'] });
      const refused = await api(demoAdmin).post('/api/staff').send(second).expect(409);
      expect(refused.body.errors[0]).toMatchObject({
        path: '/idNumber',
        code: 'STAFF_ALREADY_EXISTS',
      });
      // The account created inside the aborted transaction is gone: its phone can register again.
      await api(demoAdmin)
        .post('/api/staff')
        .send(
          staffValues({
            loginUsername: second['loginUsername'],
            bindPhoneNumber: second['bindPhoneNumber'],
          }),
        )
        .expect(201);
    });

    it('given a username already taken, when added, then 409 at /loginUsername', async () => {
      const response = await api(demoAdmin)
        .post('/api/staff')
        .send(staffValues({ loginUsername: 'demo-doctor' }))
        .expect(409);
      expect(response.body.errors[0].path).toBe('/loginUsername');
    });

    it('given ?unmask=true, when a clinic admin reads staff, then clear values and an unmask audit row; a doctor may not read staff', async () => {
      const values = staffValues({ staffName: '李明' });
      const created = await api(demoAdmin).post('/api/staff').send(values).expect(201);
      const clear = await api(demoAdmin)
        .get(`/api/staff/${created.body.id}?unmask=true`)
        .expect(200);
      expect(clear.body).toMatchObject({
        staffName: '李明',
        idNumber: values['idNumber'],
        bindPhoneNumber: values['bindPhoneNumber'],
      });
      const audit = await sut.database.connection
        .collection(AUDIT_COLLECTION)
        .findOne({ action: 'unmask', resource: 'staff', resourceId: created.body.id });
      expect(audit).not.toBeNull();
      expect(JSON.stringify(audit)).not.toContain(String(values['idNumber']));
      const doctor = await loginAs(sut.app, 'demo-doctor');
      await api(doctor).get(`/api/staff/${created.body.id}`).expect(403);
      const listMasked = await api(demoAdmin).get('/api/staff?pageSize=100').expect(200);
      expect(JSON.stringify(listMasked.body)).not.toContain(String(values['idNumber']));
    });

    it('given a city regulator, when reading staff of their city, then masked; asking to unmask without the permission is 403 UNMASK_FORBIDDEN', async () => {
      const provinceAdmin = await loginAs(sut.app, 'demo-province-admin');
      await api(provinceAdmin)
        .post('/api/admin/users')
        .send({
          username: 'staff-city',
          password: DEMO_PASSWORD,
          displayName: 'c',
          role: 'city_regulator',
          regionCode: '441900',
        })
        .expect(201);
      const city = await loginAs(sut.app, 'staff-city');
      const masked = await api(city).get('/api/staff?pageSize=100').expect(200);
      expect(masked.body.total).toBeGreaterThan(0);
      const refused = await api(city).get('/api/staff?unmask=true').expect(403);
      expect(refused.body.errors[0]).toMatchObject({ path: '/unmask', code: 'UNMASK_FORBIDDEN' });
    });

    it('given a staff profile, when patched, then merged; account fields are refused with their paths', async () => {
      const created = await api(demoAdmin).post('/api/staff').send(staffValues()).expect(201);
      const patched = await api(demoAdmin)
        .patch(`/api/staff/${created.body.id}`)
        .send({ position: 'intern', role: 'nurse', staffName: '赵护士' })
        .expect(200);
      expect(patched.body).toMatchObject({
        position: 'intern',
        role: 'nurse',
        accountRole: 'nurse',
        staffName: '赵**',
      });
      expect(patched.body.bindPhoneNumber).toBe(created.body.bindPhoneNumber);
      const refused = await api(demoAdmin)
        .patch(`/api/staff/${created.body.id}`)
        .send({ password: 'Other@2026', loginUsername: 'x1234' })
        .expect(422);
      expect(refused.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        '/loginUsername',
        '/password',
      ]);
      const invalid = await api(demoAdmin)
        .patch(`/api/staff/${created.body.id}`)
        .send({ gender: '9' })
        .expect(422);
      expect(invalid.body.errors[0].path).toBe('/gender');
    });

    it('given a staff member, when disabled, then their login stops working; enabled again, it works', async () => {
      const values = staffValues();
      const created = await api(demoAdmin).post('/api/staff').send(values).expect(201);
      const username = String(values['loginUsername']);
      const token = await loginAs(sut.app, username);
      await api(token).get('/api/departments').expect(200);
      const disabled = await api(demoAdmin)
        .post(`/api/staff/${created.body.id}/disable`)
        .expect(200);
      expect(disabled.body.enabled).toBe(false);
      await api(token).get('/api/departments').expect(401);
      await request(server)
        .post('/api/auth/login')
        .send({ username, password: DEMO_PASSWORD })
        .expect((r) => expect(r.status).not.toBe(200));
      await api(demoAdmin).post(`/api/staff/${created.body.id}/enable`).expect(200);
      await loginAs(sut.app, username);
    });

    it("given clinic B's staff, when the demo clinic reads, patches or disables them, then 404; lists never mix clinics", async () => {
      const foreign = await api(clinicB.token).post('/api/staff').send(staffValues()).expect(201);
      await api(demoAdmin).get(`/api/staff/${foreign.body.id}`).expect(404);
      await api(demoAdmin)
        .patch(`/api/staff/${foreign.body.id}`)
        .send({ position: 'nurse' })
        .expect(404);
      await api(demoAdmin).post(`/api/staff/${foreign.body.id}/disable`).expect(404);
      const demoList = await api(demoAdmin).get('/api/staff?pageSize=100').expect(200);
      expect(demoList.body.items.map((s: { id: string }) => s.id)).not.toContain(foreign.body.id);
      const bList = await api(clinicB.token).get('/api/staff?pageSize=100').expect(200);
      expect(bList.body.items.map((s: { id: string }) => s.id)).toEqual([foreign.body.id]);
    });

    it("given a reviewer of another district, when listing or reading the demo clinic's staff and departments, then none and 404", async () => {
      const provinceAdmin = await loginAs(sut.app, 'demo-province-admin');
      await api(provinceAdmin)
        .post('/api/admin/users')
        .send({
          username: 'staff-wanjiang',
          password: DEMO_PASSWORD,
          displayName: 'w',
          role: 'district_reviewer',
          regionCode: '441900005',
        })
        .expect(201);
      const wanjiang = await loginAs(sut.app, 'staff-wanjiang');
      const demoReviewer = await loginAs(sut.app, 'demo-reviewer');
      const demoStaff = (await api(demoReviewer).get('/api/staff?pageSize=100').expect(200)).body
        .items as { id: string }[];
      expect(demoStaff.length).toBeGreaterThan(0);
      expect((await api(wanjiang).get('/api/staff').expect(200)).body.total).toBe(0);
      expect((await api(wanjiang).get('/api/departments').expect(200)).body.total).toBe(0);
      await api(wanjiang).get(`/api/staff/${demoStaff[0]!.id}`).expect(404);
    });

    it('given the admin, when disabling their own account, then 422 CANNOT_DISABLE_SELF', async () => {
      const list = await api(demoAdmin).get('/api/staff?pageSize=100').expect(200);
      const self = list.body.items.find(
        (s: { role: string; position: string }) => s.role === 'admin' && s.position === 'manager',
      );
      const response = await api(demoAdmin).post(`/api/staff/${self.id}/disable`).expect(422);
      expect(response.body.errors[0].code).toBe('CANNOT_DISABLE_SELF');
    });
  });
});
