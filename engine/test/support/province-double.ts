import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sm4EcbDecryptHex } from '../../src/crypto/sm4';

/**
 * A local stand-in for the Guangdong health-record interop system, implementing the contract
 * seed 002 documents:
 * - `POST /ebus/jiankangdangan/gdehr/dhccApi/codeAuthRec/save` (授权接口): the gateway checks the
 *   four `x-tif-*` headers and that x-tif-signature = upper-case hex SHA-256 of timestamp +
 *   paastoken + nonce + timestamp; then `patientIdcard` must decrypt with the shared SM4 key;
 *   answers `{"returnCode":"1","returnDesc":"成功"}`.
 * - `GET /gdehr/privilege/getPrivilege?param=…&appId=…` (调阅接口): decrypts `param` and answers
 *   a page naming the patient, as the browser of a doctor would see it.
 * The seed does not say how the gateway words a refusal; the double answers 401 for missing
 * headers and 403 for an unknown paasid or a bad signature, with a `returnDesc` explaining it.
 * Every request is recorded for assertions.
 */
export const AUTH_PATH = '/ebus/jiankangdangan/gdehr/dhccApi/codeAuthRec/save';
export const RECORD_PATH = '/gdehr/privilege/getPrivilege';

export interface ProvinceDoubleOptions {
  readonly paasId: string;
  readonly paasToken: string;
  /** 32 hex characters shared with the engine. */
  readonly sm4Key: string;
  readonly appId: string;
}

export interface ProvinceCall {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
  /** What `patientIdcard` (authorisation) or `param` (retrieval) decrypted to, if it did. */
  readonly decrypted?: string;
  readonly status: number;
  readonly answer: unknown;
}

export interface ProvinceDouble {
  /** SENTINEL_PROVINCE_AUTH_URL */
  readonly authUrl: string;
  /** SENTINEL_PROVINCE_RECORD_URL */
  readonly recordUrl: string;
  readonly calls: ProvinceCall[];
  /** The next authorisation gets this business refusal (`returnCode` "0") instead of success. */
  refuseNextAuthorisation(returnDesc: string): void;
  /** The province reissues the paastoken: signatures made with the old one stop verifying. */
  reissuePaasToken(token: string): void;
  close(): Promise<void>;
}

const GATEWAY_HEADERS = ['x-tif-paasid', 'x-tif-timestamp', 'x-tif-nonce', 'x-tif-signature'];

function expectedSignature(timestamp: string, token: string, nonce: string): string {
  return createHash('sha256')
    .update(`${timestamp}${token}${nonce}${timestamp}`, 'utf8')
    .digest('hex')
    .toUpperCase();
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface Outcome {
  readonly status: number;
  readonly answer: unknown;
  readonly decrypted?: string;
}

const refusal = (status: number, returnDesc: string): Outcome => ({
  status,
  answer: { returnCode: '0', returnDesc },
});

function decryptOrUndefined(key: string, hex: string): string | undefined {
  try {
    return sm4EcbDecryptHex(key, hex);
  } catch {
    return undefined;
  }
}

export async function startProvinceDouble(options: ProvinceDoubleOptions): Promise<ProvinceDouble> {
  const calls: ProvinceCall[] = [];
  let nextRefusal: string | undefined;
  let paasToken = options.paasToken;

  const authorise = (req: IncomingMessage, raw: string): Outcome => {
    const missing = GATEWAY_HEADERS.filter((name) => !headerOf(req, name));
    if (missing.length > 0) return refusal(401, `缺少网关鉴权请求头：${missing.join(', ')}`);
    if (headerOf(req, 'x-tif-paasid') !== options.paasId) return refusal(403, 'paasid 无效');
    const expected = expectedSignature(
      headerOf(req, 'x-tif-timestamp') ?? '',
      paasToken,
      headerOf(req, 'x-tif-nonce') ?? '',
    );
    if (!sameText(headerOf(req, 'x-tif-signature') ?? '', expected)) {
      return refusal(403, '签名校验失败（x-tif-signature 不正确）');
    }
    let record: Record<string, unknown> | undefined;
    try {
      record = (JSON.parse(raw) as { codeAuthRec?: Record<string, unknown> }).codeAuthRec;
    } catch {
      return refusal(400, '请求体不是 JSON');
    }
    if (record === undefined) return refusal(200, '缺少 codeAuthRec');
    const idcard = decryptOrUndefined(options.sm4Key, String(record['patientIdcard'] ?? ''));
    if (idcard === undefined) return refusal(200, 'patientIdcard 解密失败');
    const authDays = record['authDays'];
    if (
      typeof authDays !== 'number' ||
      !Number.isInteger(authDays) ||
      authDays < 1 ||
      authDays > 30
    ) {
      return { ...refusal(200, 'authDays 无效'), decrypted: idcard };
    }
    if (record['status'] !== '1' || record['appId'] !== options.appId || !record['patientName']) {
      return { ...refusal(200, 'status、appId 或 patientName 无效'), decrypted: idcard };
    }
    if (nextRefusal !== undefined) {
      const desc = nextRefusal;
      nextRefusal = undefined;
      return { ...refusal(200, desc), decrypted: idcard };
    }
    return { status: 200, answer: { returnCode: '1', returnDesc: '成功' }, decrypted: idcard };
  };

  const retrieve = (url: URL): Outcome => {
    const decrypted = decryptOrUndefined(options.sm4Key, url.searchParams.get('param') ?? '');
    if (decrypted === undefined || url.searchParams.get('appId') !== options.appId) {
      return { status: 403, answer: '调阅参数无效' };
    }
    const name = new URLSearchParams(decrypted).get('patientName') ?? '';
    return { status: 200, answer: `<html><body>${name} 的健康档案</body></html>`, decrypted };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://double');
    let outcome: Outcome;
    if (req.method === 'POST' && url.pathname === AUTH_PATH) outcome = authorise(req, raw);
    else if (req.method === 'GET' && url.pathname === RECORD_PATH) outcome = retrieve(url);
    else outcome = refusal(404, '接口不存在');
    let body: unknown = raw;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      // recorded as text
    }
    calls.push({
      method: req.method ?? '',
      path: url.pathname,
      headers: Object.fromEntries(GATEWAY_HEADERS.map((name) => [name, headerOf(req, name)])),
      body,
      ...(outcome.decrypted === undefined ? {} : { decrypted: outcome.decrypted }),
      status: outcome.status,
      answer: outcome.answer,
    });
    const text = typeof outcome.answer === 'string';
    res.writeHead(outcome.status, {
      'content-type': text ? 'text/html;charset=UTF-8' : 'application/json;charset=UTF-8',
    });
    res.end(text ? (outcome.answer as string) : JSON.stringify(outcome.answer));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    authUrl: `${origin}${AUTH_PATH}`,
    recordUrl: `${origin}${RECORD_PATH}`,
    calls,
    refuseNextAuthorisation(returnDesc: string) {
      nextRefusal = returnDesc;
    },
    reissuePaasToken(token: string) {
      paasToken = token;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
