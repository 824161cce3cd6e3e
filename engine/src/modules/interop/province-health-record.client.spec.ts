import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig, ProvinceConfig } from '../../config/app-config';
import { ApiError } from '../../common/errors';
import { Clock } from '../../common/clock';
import { NonceSource } from './nonce-source';
import { ProvinceHealthRecordClient } from './province-health-record.client';

const FULL: ProvinceConfig = {
  authUrl: 'http://127.0.0.1:9/save',
  recordUrl: 'https://qmjk.example/gdehr/privilege/getPrivilege',
  paasId: 'paas',
  paasToken: 'token',
  sm4Key: '33edd0637a6cbd8e7d057fbc0944d621',
  appId: 'app',
  orgCode: 'org',
  orgName: '机构',
  callSysCode: 'zhspt',
};

const fixedClock: Clock = { now: () => new Date('2024-07-01T00:00:00Z') };
const fixedNonce: NonceSource = { next: () => 'n0nce' };

function clientWith(province: Partial<ProvinceConfig>): ProvinceHealthRecordClient {
  return new ProvinceHealthRecordClient({ province } as AppConfig, fixedClock, fixedNonce);
}

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** One-route server answering with a fixed status and body. */
async function answering(status: number, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(status).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/save`, server };
}

describe('ProvinceHealthRecordClient', () => {
  it('given no province settings, when authorising, then 503 INTEROP_NOT_CONFIGURED naming the variables in zh and en', async () => {
    const error = await failureOf(
      clientWith({}).authorise({ patientName: '张三', idcard: '1', authDays: 30 }),
    );

    expect(error.getStatus()).toBe(503);
    expect(error.getResponse()).toMatchObject({
      error: 'INTEROP_NOT_CONFIGURED',
      errors: [
        {
          message: {
            zh: expect.stringContaining('SENTINEL_PROVINCE_AUTH_URL'),
            en: expect.stringContaining('SENTINEL_PROVINCE_PAAS_TOKEN'),
          },
        },
      ],
    });
  });

  it('given everything but callSysCode, when building a retrieval address, then 503 naming SENTINEL_PROVINCE_CALL_SYS_CODE', () => {
    const { callSysCode: _omitted, ...withoutCode } = FULL;

    expect(() =>
      clientWith(withoutCode).retrievalUrl({
        staffNo: 'a',
        staffName: 'b',
        cardType: '01',
        idcard: 'x',
        patientName: 'y',
        patientId: '',
      }),
    ).toThrow(expect.objectContaining({ code: 'INTEROP_NOT_CONFIGURED' }));
  });

  it('given a province that cannot be reached, when authorising, then 502 PROVINCE_UNREACHABLE', async () => {
    const error = await failureOf(
      clientWith(FULL).authorise({ patientName: '张三', idcard: '1', authDays: 30 }),
    );

    expect(error.getStatus()).toBe(502);
    expect(error.code).toBe('PROVINCE_UNREACHABLE');
  });

  it.each([
    [500, 'oops', 'PROVINCE_HTTP_ERROR'],
    [200, 'not json', 'PROVINCE_BAD_ANSWER'],
    [200, '{"returnCode":"0","returnDesc":"患者信息不存在"}', 'PROVINCE_REFUSED'],
  ])(
    'given the province answers %s %s, when authorising, then 502 %s',
    async (status, body, code) => {
      const province = await answering(status, body);
      try {
        const error = await failureOf(
          clientWith({ ...FULL, authUrl: province.url }).authorise({
            patientName: '张三',
            idcard: '1',
            authDays: 30,
          }),
        );

        expect(error.getStatus()).toBe(502);
        expect(error.code).toBe(code);
        if (code === 'PROVINCE_REFUSED') {
          expect(JSON.stringify(error.getResponse())).toContain('患者信息不存在');
        }
      } finally {
        province.server.close();
      }
    },
  );
});
