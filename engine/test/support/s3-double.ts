import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for an S3-compatible object store: path-style PUT / GET / DELETE on one
 * bucket, objects in memory. Every request's Signature V4 is VERIFIED the way AWS documents
 * it, independently of the engine's signer: the canonical request is rebuilt from the raw
 * request as received, then the string to sign, the derived key and the HMAC. A mismatch is
 * answered as S3 does (403 + XML `<Code>SignatureDoesNotMatch</Code>`).
 */
export interface S3DoubleOptions {
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string | undefined;
}

export interface S3DoubleCall {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly code?: string;
}

export interface S3Double {
  /** `http://127.0.0.1:<port>`: SENTINEL_S3_ENDPOINT. */
  readonly endpoint: string;
  /** Objects by key (without the bucket). */
  readonly objects: Map<string, StoredObject>;
  readonly calls: S3DoubleCall[];
  close(): Promise<void>;
}

const MAX_SKEW_MS = 15 * 60 * 1000;
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 as SigV4 wants it; the query arrives encoded, so decode then re-encode each part. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQueryOf(rawQuery: string): string {
  if (rawQuery === '') return '';
  return rawQuery
    .split('&')
    .map((pair) => {
      const [name = '', value = ''] = pair.split('=');
      return [encode(decodeURIComponent(name)), encode(decodeURIComponent(value))];
    })
    .sort(([a = '', av = ''], [b = '', bv = '']) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value.join(',') : value).trim().replace(/\s+/g, ' ');
}

type Verdict =
  { readonly ok: true } | { readonly ok: false; status: number; code: string; message: string };

function refuse(status: number, code: string, message: string): Verdict {
  return { ok: false, status, code, message };
}

function verifySignature(req: IncomingMessage, body: Buffer, options: S3DoubleOptions): Verdict {
  const match = AUTHORIZATION.exec(req.headers.authorization ?? '');
  if (!match) return refuse(403, 'AccessDenied', 'Missing or malformed Authorization header');
  const [, accessKeyId, scopeDate, region, service, signedHeaders = '', signature = ''] = match;
  if (accessKeyId !== options.accessKeyId) {
    return refuse(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist');
  }
  const amzDate = headerValue(req, 'x-amz-date') ?? '';
  const when = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!when) return refuse(403, 'AccessDenied', 'x-amz-date is missing or malformed');
  const instant = Date.UTC(+when[1]!, +when[2]! - 1, +when[3]!, +when[4]!, +when[5]!, +when[6]!);
  if (Math.abs(Date.now() - instant) > MAX_SKEW_MS) {
    return refuse(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large',
    );
  }
  if (scopeDate !== amzDate.slice(0, 8) || region !== options.region || service !== 's3') {
    return refuse(403, 'SignatureDoesNotMatch', 'Credential scope does not match the request');
  }
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('x-amz-content-sha256')) {
    return refuse(403, 'AccessDenied', 'host and x-amz-content-sha256 must be signed');
  }
  const payloadHash = headerValue(req, 'x-amz-content-sha256');
  if (payloadHash !== sha256Hex(body)) {
    return refuse(
      400,
      'XAmzContentSHA256Mismatch',
      'The provided x-amz-content-sha256 header does not match what was computed',
    );
  }
  const [path = '/', rawQuery = ''] = (req.url ?? '/').split('?');
  const canonicalRequest = [
    req.method ?? '',
    path,
    canonicalQueryOf(rawQuery),
    names.map((name) => `${name}:${headerValue(req, name) ?? ''}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${options.secretAccessKey}`, scopeDate ?? '');
  for (const part of [region ?? '', service ?? '', 'aws4_request']) key = hmac(key, part);
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return refuse(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  }
  return { ok: true };
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  );
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startS3Double(options: S3DoubleOptions): Promise<S3Double> {
  const objects = new Map<string, StoredObject>();
  const calls: S3DoubleCall[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const record = (status: number, code?: string) =>
      calls.push({ method: req.method ?? '', path, status, ...(code ? { code } : {}) });
    const verdict = verifySignature(req, body, options);
    if (!verdict.ok) {
      record(verdict.status, verdict.code);
      sendError(res, verdict.status, verdict.code, verdict.message);
      return;
    }
    const [, bucket, ...keyParts] = path.split('/');
    const key = decodeURIComponent(keyParts.join('/'));
    if (bucket !== options.bucket) {
      record(404, 'NoSuchBucket');
      sendError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
      return;
    }
    if (req.method === 'PUT') {
      objects.set(key, { body, contentType: req.headers['content-type'] });
      record(200);
      res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
    } else if (req.method === 'GET') {
      const object = objects.get(key);
      if (object === undefined) {
        record(404, 'NoSuchKey');
        sendError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
        return;
      }
      record(200);
      res.writeHead(200, {
        'content-type': object.contentType ?? 'application/octet-stream',
        'content-length': object.body.length,
      });
      res.end(object.body);
    } else if (req.method === 'DELETE') {
      objects.delete(key);
      record(204);
      res.writeHead(204).end();
    } else {
      record(405, 'MethodNotAllowed');
      sendError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed');
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, 500, 'InternalError', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
