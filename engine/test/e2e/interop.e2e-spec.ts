import { createHash } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { AUDIT_COLLECTION } from '../../src/modules/audit/audit-chain';
import { Clock } from '../../src/common/clock';
import { NonceSource } from '../../src/modules/interop/nonce-source';
import {
  authed,
  createAccount,
  FAST_HASHING_ENV,
  loginAs,
  startE2eAppWith,
} from '../support/auth-helpers';
import { startProvinceDouble, type ProvinceDouble } from '../support/province-double';
import type { E2eApp } from './e2e-app';

const DAY = 24 * 60 * 60 * 1000;
const SM4_KEY = '33edd0637a6cbd8e7d057fbc0944d621';
const PAAS_TOKEN = 'paastoken-e2e';
const APP_ID = 'ff8080818ab5cf57018b3bb2a4af0004';
const CALL_SYS_CODE = 'zhspt';
const PATIENT = { patientName: '王小明', cardType: '01', idcard: '44010619850715002x' };
const ID_NUMBER = PATIENT.idcard.toUpperCase();

/** The engine's time; moved by the tests to age authorisations. */
class SettableClock extends Clock {
  current = new Date('2024-07-01T08:00:00Z');
  now(): Date {
    return this.current;
  }
}

/** Nonces the test can predict, so it can recompute the signature itself. */
class CountingNonces extends NonceSource {
  issued = 0;
  next(): string {
    this.issued += 1;
    return `nonce${this.issued}`;
  }
}

describe('province health-record interop (e2e against a double of the seed 002 contract)', () => {
  let province: ProvinceDouble;
  let sut: E2eApp;
  let server: App;
  const clock = new SettableClock();
  const nonces = new CountingNonces();
  let doctorA: string;
  let doctorB: string;
  let pharmacist: string;

  beforeAll(async () => {
    province = await startProvinceDouble({
      paasId: 'paas-e2e',
      paasToken: PAAS_TOKEN,
      sm4Key: SM4_KEY,
      appId: APP_ID,
    });
    sut = await startE2eAppWith(
      __filename,
      [
        [Clock, clock],
        [NonceSource, nonces],
      ],
      {
        ...FAST_HASHING_ENV,
        SENTINEL_PROVINCE_AUTH_URL: province.authUrl,
        SENTINEL_PROVINCE_RECORD_URL: province.recordUrl,
        SENTINEL_PROVINCE_PAAS_ID: 'paas-e2e',
        SENTINEL_PROVINCE_PAAS_TOKEN: PAAS_TOKEN,
        SENTINEL_PROVINCE_SM4_KEY: SM4_KEY,
        SENTINEL_PROVINCE_APP_ID: APP_ID,
        SENTINEL_PROVINCE_ORG_CODE: '455404482',
        SENTINEL_PROVINCE_ORG_NAME: '东莞市测试诊所',
        SENTINEL_PROVINCE_CALL_SYS_CODE: CALL_SYS_CODE,
      },
    );
    server = sut.app.getHttpServer() as App;
    await createAccount(sut.app, {
      username: 'gd-doc-a',
      displayName: '李医生',
      roles: ['doctor'],
      institutionId: 'clinic-gd-a',
    });
    await createAccount(sut.app, {
      username: 'gd-doc-b',
      roles: ['doctor'],
      institutionId: 'clinic-gd-b',
    });
    await createAccount(sut.app, {
      username: 'gd-pharm',
      roles: ['pharmacist'],
      institutionId: 'clinic-gd-a',
    });
    doctorA = await loginAs(sut.app, 'gd-doc-a');
    doctorB = await loginAs(sut.app, 'gd-doc-b');
    pharmacist = await loginAs(sut.app, 'gd-pharm');
  });

  afterAll(async () => {
    await sut.close();
    await province.close();
  });

  const authorise = (token: string, body: object = PATIENT) =>
    authed(sut.app, token).post('/api/interop/health-records/authorisations').send(body);
  const retrieve = (token: string, body: object = PATIENT) =>
    authed(sut.app, token).post('/api/interop/health-records/retrieval').send(body);

  it('given a clinic doctor, when authorising, then the province receives a signed call with the SM4-encrypted ID number and 201', async () => {
    const response = await authorise(doctorA).expect(201);

    expect(response.body).toEqual({
      authorisationId: expect.stringMatching(/^[0-9a-f]{24}$/),
      authorisedAt: '2024-07-01T08:00:00.000Z',
      expiresAt: '2024-07-31T08:00:00.000Z',
      authDays: 30,
    });
    const call = province.calls.at(-1);
    const timestamp = String(Math.floor(clock.current.getTime() / 1000));
    expect(call).toMatchObject({
      method: 'POST',
      status: 200,
      decrypted: ID_NUMBER,
      answer: { returnCode: '1', returnDesc: '成功' },
      headers: {
        'x-tif-paasid': 'paas-e2e',
        'x-tif-timestamp': timestamp,
        'x-tif-nonce': `nonce${nonces.issued}`,
        'x-tif-signature': createHash('sha256')
          .update(`${timestamp}${PAAS_TOKEN}nonce${nonces.issued}${timestamp}`)
          .digest('hex')
          .toUpperCase(),
      },
      body: {
        codeAuthRec: {
          authDays: 30,
          patientIdcard: expect.stringMatching(/^[0-9a-f]{64}$/),
          patientName: '王小明',
          orgCode: '455404482',
          orgName: '东莞市测试诊所',
          status: '1',
          appId: APP_ID,
        },
      },
    });
  });

  it('given the authorisation, when the doctor asks for the record, then a province URL whose param decrypts to the documented plaintext, and the engine fetched nothing', async () => {
    const callsBefore = province.calls.length;

    const response = await retrieve(doctorA, { ...PATIENT, patientId: 'MZ0001' }).expect(200);

    expect(province.calls.length).toBe(callsBefore); // the engine never calls the record address
    const url = new URL(response.body.url as string);
    expect(`${url.origin}${url.pathname}`).toBe(province.recordUrl);
    expect(url.searchParams.get('appId')).toBe(APP_ID);
    // What the doctor's browser does with it:
    const page = await fetch(url).then(async (r) => ({ status: r.status, text: await r.text() }));
    expect(page).toEqual({ status: 200, text: expect.stringContaining('王小明 的健康档案') });
    expect(province.calls.at(-1)?.decrypted).toBe(
      `orgCode=455404482&staffNo=gd-doc-a&staffName=李医生&cardType=01&idcard=${ID_NUMBER}&patientName=王小明&patientId=MZ0001&callSysCode=${CALL_SYS_CODE}`,
    );
    expect(response.body.authorisationExpiresAt).toBe('2024-07-31T08:00:00.000Z');
  });

  it('given no authorisation for that patient in this clinic, when retrieving, then 403 AUTHORISATION_REQUIRED', async () => {
    const response = await retrieve(doctorB).expect(403);

    expect(response.body).toMatchObject({
      error: 'AUTHORISATION_REQUIRED',
      errors: [
        {
          message: { zh: expect.stringContaining('授权'), en: expect.stringContaining('authoris') },
        },
      ],
    });
  });

  it('given the authorisation 31 days old, when retrieving, then 403 AUTHORISATION_EXPIRED', async () => {
    const start = clock.current;
    clock.current = new Date(start.getTime() + 31 * DAY);
    try {
      // The engine has one clock: a month later the doctor's access token has expired too.
      const monthLaterDoctorA = await loginAs(sut.app, 'gd-doc-a');
      const response = await retrieve(monthLaterDoctorA).expect(403);

      expect(response.body.error).toBe('AUTHORISATION_EXPIRED');
    } finally {
      clock.current = start;
    }
  });

  it('given a 7-day authorisation, when retrieving on day 8, then 403 AUTHORISATION_EXPIRED', async () => {
    const other = { ...PATIENT, idcard: '440106198507150031' };
    await authorise(doctorB, { ...other, authDays: 7 }).expect(201);
    const start = clock.current;
    clock.current = new Date(start.getTime() + 8 * DAY);
    try {
      await retrieve(await loginAs(sut.app, 'gd-doc-b'), other).expect(403);
    } finally {
      clock.current = start;
    }
    await retrieve(doctorB, other).expect(200);
  });

  it('given the province reissued its paastoken, when authorising with the old one, then the double refuses and the API answers 502 with the reason', async () => {
    province.reissuePaasToken('a-new-token');
    try {
      const response = await authorise(doctorA).expect(502);

      expect(province.calls.at(-1)).toMatchObject({ status: 403 });
      expect(response.body).toMatchObject({
        error: 'PROVINCE_HTTP_ERROR',
        errors: [
          {
            message: {
              zh: expect.stringContaining('签名校验失败'),
              en: expect.stringContaining('HTTP 403'),
            },
          },
        ],
      });
    } finally {
      province.reissuePaasToken(PAAS_TOKEN);
    }
  });

  it('given the province refuses the authorisation (returnCode 0), when authorising, then 502 PROVINCE_REFUSED with its returnDesc and nothing stored', async () => {
    const collection = sut.database.connection.collection('healthRecordAuthorisations');
    const before = await collection.countDocuments();
    province.refuseNextAuthorisation('患者未实名认证');

    const response = await authorise(doctorA).expect(502);

    expect(response.body).toMatchObject({
      error: 'PROVINCE_REFUSED',
      errors: [{ message: { zh: expect.stringContaining('患者未实名认证') } }],
    });
    expect(await collection.countDocuments()).toBe(before);
  });

  it.each([
    ['authDays over 30', { ...PATIENT, authDays: 31 }, '/authDays'],
    ['an unknown card type', { ...PATIENT, cardType: '10' }, '/cardType'],
    ['a name holding &', { ...PATIENT, patientName: 'A&idcard=1' }, '/patientName'],
  ])(
    'given %s, when authorising, then 400 at the field and no province call',
    async (_name, body, path) => {
      const callsBefore = province.calls.length;

      const response = await authorise(doctorA, body).expect(400);

      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path })]),
      );
      expect(province.calls.length).toBe(callsBefore);
    },
  );

  it('given a pharmacist (no interop permission) or no token, when authorising, then 403 / 401', async () => {
    await authorise(pharmacist).expect(403);
    await request(server)
      .post('/api/interop/health-records/authorisations')
      .send(PATIENT)
      .expect(401);
  });

  it('given every call above, when the audit log is read, then interop-call rows for successes and failures', async () => {
    const rows = await sut.database.connection
      .collection(AUDIT_COLLECTION)
      .find({ action: 'interop-call' })
      .toArray();

    expect(rows.filter((r) => r['outcome'] === 'success').length).toBeGreaterThanOrEqual(3);
    expect(rows.map((r) => (r['details'] as Record<string, unknown>)['code'])).toEqual(
      expect.arrayContaining([
        'AUTHORISATION_REQUIRED',
        'AUTHORISATION_EXPIRED',
        'PROVINCE_HTTP_ERROR',
        'PROVINCE_REFUSED',
      ]),
    );
  });

  it('given all of the above, when every raw collection is scanned, then no clear ID number or patient name is stored anywhere', async () => {
    const db = sut.database.connection.db;
    if (db === undefined) throw new Error('no database');
    const collections = await db.listCollections().toArray();
    const dump: string[] = [];
    for (const { name } of collections) {
      dump.push(JSON.stringify(await db.collection(name).find({}).toArray()));
    }
    const everything = dump.join('\n').toUpperCase();

    expect(collections.map((c) => c.name)).toEqual(
      expect.arrayContaining(['healthRecordAuthorisations', AUDIT_COLLECTION]),
    );
    expect(everything).not.toContain(ID_NUMBER);
    expect(everything).not.toContain('440106198507150031');
    expect(everything).not.toContain('王小明');
  });
});
