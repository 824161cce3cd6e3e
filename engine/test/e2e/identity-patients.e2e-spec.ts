import request from 'supertest';
import type { App } from 'supertest/types';
import { AUDIT_COLLECTION } from '../../src/modules/audit/audit-chain';
import { DemoSeeder } from '../../src/modules/identity/demo/demo-seeder';
import { authed, DEMO_PASSWORD, FAST_HASHING_ENV, loginAs } from '../support/auth-helpers';
import { familyMemberValues, patientValues } from '../medium/identity/support/identity-fixtures';
import { startE2eApp, type E2eApp } from './e2e-app';

interface Registered {
  patientId: string;
  userId: string;
  token: string;
  values: Record<string, unknown>;
}

describe('identity: patients and family members (e2e)', () => {
  let sut: E2eApp;
  let server: App;

  const api = (token: string) => authed(sut.app, token);

  async function register(values = patientValues(), password = DEMO_PASSWORD): Promise<Registered> {
    const response = await request(server)
      .post('/api/patients/register')
      .send({ values, password })
      .expect(201);
    return {
      ...(response.body as { patientId: string; userId: string }),
      values,
      token: await loginAs(sut.app, String(values['phone']), password),
    };
  }

  beforeAll(async () => {
    sut = await startE2eApp(__filename, FAST_HASHING_ENV);
    server = sut.app.getHttpServer() as App;
    await sut.app.get(DemoSeeder).seed();
  });

  afterAll(() => sut.close());

  it('given form values with a family member and a password, when registering, then 201, the record is encrypted and /me answers masked', async () => {
    const member = familyMemberValues({ memberPhone: '13436350000' });
    const values = patientValues({ familyMembers: [member] });
    const patient = await register(values);
    const raw = await sut.database.connection
      .collection('patients')
      .findOne({ patientIds: patient.patientId });
    const stored = JSON.stringify(raw);
    for (const secret of [
      values['idNumber'],
      values['phone'],
      member['memberIdNumber'],
      '张小明',
      '13436350000',
    ])
      expect(stored).not.toContain(String(secret));
    const rawMember = (raw?.['values'] as { familyMembers: Record<string, unknown>[] })
      .familyMembers[0];
    expect(rawMember?.['memberIdNumber']).toEqual({
      kid: expect.any(String),
      iv: expect.any(String),
      ct: expect.any(String),
      mac: expect.any(String),
    });
    expect(rawMember?.['relation']).toBe('20');

    const me = await api(patient.token).get('/api/patients/me').expect(200);
    expect(me.body).toMatchObject({
      id: patient.patientId,
      values: {
        patientName: '张*',
        phone: expect.stringMatching(/^139\*{4}\d{4}$/),
        birthDate: '1990-**-**',
        crowdCategory: '07',
      },
      familyMembers: [
        {
          id: expect.stringMatching(/^[0-9a-f]{16}$/),
          values: { memberName: '张**', memberPhone: '134****0000' },
        },
      ],
    });
  });

  it('given a registered ID number, when it registers again, then 409 at /values/idNumber', async () => {
    const first = await register();
    const again = patientValues({ idNumber: first.values['idNumber'] });
    const response = await request(server)
      .post('/api/patients/register')
      .send({ values: again, password: DEMO_PASSWORD })
      .expect(409);
    expect(response.body.errors[0]).toMatchObject({
      path: '/values/idNumber',
      code: 'PATIENT_ALREADY_REGISTERED',
    });
  });

  it('given invalid values, a weak password or a missing envelope, when registering, then 422 and 400 with paths', async () => {
    const invalid = await request(server)
      .post('/api/patients/register')
      .send({ values: patientValues({ birthDate: '1991-01-01' }), password: DEMO_PASSWORD })
      .expect(422);
    expect(invalid.body.errors[0].path).toMatch(/^\/values\//);
    const weak = await request(server)
      .post('/api/patients/register')
      .send({ values: patientValues(), password: '1234567' })
      .expect(422);
    expect(weak.body.errors[0].path).toBe('/password');
    const flat = await request(server)
      .post('/api/patients/register')
      .send(patientValues())
      .expect(400);
    expect(flat.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['/values', '/password']),
    );
  });

  it('given a patient, when unmasking their own record, then clear values and an unmask audit row', async () => {
    const patient = await register();
    const clear = await api(patient.token).get('/api/patients/me?unmask=true').expect(200);
    expect(clear.body.values).toMatchObject({
      idNumber: patient.values['idNumber'],
      phone: patient.values['phone'],
    });
    const audit = await sut.database.connection
      .collection(AUDIT_COLLECTION)
      .findOne({ action: 'unmask', resource: 'patients', resourceId: patient.patientId });
    expect(audit).toMatchObject({ actor: patient.userId });
  });

  it('given family members, when added, patched and removed, then the list follows and row errors name row fields', async () => {
    const patient = await register();
    const added = await api(patient.token)
      .post('/api/patients/me/family-members')
      .send(familyMemberValues({ memberName: '李四' }))
      .expect(201);
    expect(added.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      values: expect.objectContaining({ memberName: '李*' }),
    });
    const second = await api(patient.token)
      .post('/api/patients/me/family-members')
      .send(familyMemberValues({ relation: '52', memberGender: '2', memberIdNumber: undefined }))
      .expect(422);
    expect(second.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['/memberIdNumber']),
    );
    const self = await api(patient.token)
      .post('/api/patients/me/family-members')
      .send(
        familyMemberValues({
          memberIdNumber: patient.values['idNumber'],
          memberGender: '2',
          memberBirthDate: '1990-07-10',
        }),
      )
      .expect(422);
    expect(self.body.errors.map((e: { path: string }) => e.path)).toContain('/memberIdNumber');

    const patched = await api(patient.token)
      .patch(`/api/patients/me/family-members/${added.body.id}`)
      .send({ memberPhone: '13436351111' })
      .expect(200);
    expect(patched.body).toMatchObject({
      id: added.body.id,
      values: { memberName: '李*', memberPhone: '134****1111' },
    });
    const other = await api(patient.token)
      .post('/api/patients/me/family-members')
      .send(familyMemberValues())
      .expect(201);
    await api(patient.token).delete(`/api/patients/me/family-members/${added.body.id}`).expect(204);
    const list = await api(patient.token).get('/api/patients/me/family-members').expect(200);
    expect(list.body.map((m: { id: string }) => m.id)).toEqual([other.body.id]);
    // The remaining row moved from index 1 to 0 and was re-sealed: it still decrypts.
    const clear = await api(patient.token)
      .get('/api/patients/me/family-members?unmask=true')
      .expect(200);
    expect(clear.body[0].values.memberName).toBe('张小明');
    await api(patient.token).delete(`/api/patients/me/family-members/${added.body.id}`).expect(404);
  });

  it('given a patient, when patching own fields, then merged; the phone and family rows are refused here', async () => {
    const patient = await register();
    const patched = await api(patient.token)
      .patch('/api/patients/me')
      .send({ crowdCategory: '99', crowdCategoryOther: '外卖骑手' })
      .expect(200);
    expect(patched.body.values).toMatchObject({
      crowdCategory: '99',
      crowdCategoryOther: '外卖骑手',
    });
    const refused = await api(patient.token)
      .patch('/api/patients/me')
      .send({ phone: '13900001111', familyMembers: [] })
      .expect(422);
    expect(refused.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      '/familyMembers',
      '/phone',
    ]);
    const invalid = await api(patient.token)
      .patch('/api/patients/me')
      .send({ crowdCategory: '99', crowdCategoryOther: null })
      .expect(422);
    expect(invalid.body.errors[0].path).toBe('/crowdCategoryOther');
  });

  it("given two patients, when one addresses the other's family member, then 404; staff cannot use the patient routes", async () => {
    const alice = await register(patientValues({ familyMembers: [familyMemberValues()] }));
    const bob = await register();
    const aliceMember = (await api(alice.token).get('/api/patients/me/family-members').expect(200))
      .body[0].id as string;
    await api(bob.token)
      .patch(`/api/patients/me/family-members/${aliceMember}`)
      .send({ memberPhone: '13436352222' })
      .expect(404);
    await api(bob.token).delete(`/api/patients/me/family-members/${aliceMember}`).expect(404);
    const bobView = await api(bob.token).get('/api/patients/me').expect(200);
    expect(bobView.body.id).toBe(bob.patientId);
    expect(bobView.body.familyMembers).toEqual([]);
    const doctor = await loginAs(sut.app, 'demo-doctor');
    await api(doctor).get('/api/patients/me').expect(403);
    await request(server).get('/api/patients/me').expect(401);
  });
});
