import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 (header form), written out with node:crypto so the S3 adapter needs
 * no SDK: canonical request → string to sign → HMAC-SHA256 chain of date, region, service.
 * Works with any S3-compatible store (MinIO, Ceph, Alibaba OSS and Tencent COS S3 endpoints).
 */

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** SigV4's URI encoding: every byte but A-Z a-z 0-9 - _ . ~ as %XX (upper case); `/` optionally kept. */
export function uriEncode(value: string, keepSlash = false): string {
  return Array.from(Buffer.from(value, 'utf8'))
    .map((byte) => {
      const char = String.fromCharCode(byte);
      if (/[A-Za-z0-9\-_.~]/.test(char) || (keepSlash && char === '/')) return char;
      return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** `20130524T000000Z`: the x-amz-date form of an instant. */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface SigV4Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  readonly service: string;
}

/** A request as signed: the path must already be URI-encoded (S3 encodes it exactly once). */
export interface SignableRequest {
  readonly method: string;
  readonly url: URL;
  /** Headers to sign besides host, x-amz-date and x-amz-content-sha256 (which are added). */
  readonly headers: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body (`sha256Hex('')` for none). */
  readonly payloadSha256: string;
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams.entries()]
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** Lower-case names, trimmed values with inner runs of spaces collapsed, sorted by name. */
function canonicalHeaders(headers: Readonly<Record<string, string>>): {
  readonly block: string;
  readonly signed: string;
} {
  const entries = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    block: entries.map(([name, value]) => `${name}:${value}\n`).join(''),
    signed: entries.map(([name]) => name).join(';'),
  };
}

/** Every header that takes part in the signature, as sent. */
export function headersToSign(request: SignableRequest, now: Date): Record<string, string> {
  return {
    ...request.headers,
    host: request.url.host,
    'x-amz-date': amzDate(now),
    'x-amz-content-sha256': request.payloadSha256,
  };
}

export function canonicalRequest(
  request: SignableRequest,
  signedHeaders: Readonly<Record<string, string>>,
): string {
  const { block, signed } = canonicalHeaders(signedHeaders);
  return [
    request.method.toUpperCase(),
    request.url.pathname === '' ? '/' : request.url.pathname,
    canonicalQuery(request.url),
    block,
    signed,
    request.payloadSha256,
  ].join('\n');
}

export function credentialScope(now: Date, credentials: SigV4Credentials): string {
  return `${amzDate(now).slice(0, 8)}/${credentials.region}/${credentials.service}/aws4_request`;
}

export function stringToSign(canonical: string, now: Date, credentials: SigV4Credentials): string {
  return [
    SIGV4_ALGORITHM,
    amzDate(now),
    credentialScope(now, credentials),
    sha256Hex(canonical),
  ].join('\n');
}

export function signingKey(now: Date, credentials: SigV4Credentials): Buffer {
  const dateKey = hmac(`AWS4${credentials.secretAccessKey}`, amzDate(now).slice(0, 8));
  const regionKey = hmac(dateKey, credentials.region);
  const serviceKey = hmac(regionKey, credentials.service);
  return hmac(serviceKey, 'aws4_request');
}

/**
 * The headers to send: those signed (without host, which fetch derives from the URL) plus
 * `authorization`.
 */
export function signRequest(
  request: SignableRequest,
  credentials: SigV4Credentials,
  now: Date,
): Record<string, string> {
  const signed = headersToSign(request, now);
  const canonical = canonicalRequest(request, signed);
  const signature = createHmac('sha256', signingKey(now, credentials))
    .update(stringToSign(canonical, now, credentials), 'utf8')
    .digest('hex');
  const { host: _host, ...toSend } = signed;
  return {
    ...toSend,
    authorization:
      `${SIGV4_ALGORITHM} Credential=${credentials.accessKeyId}/${credentialScope(now, credentials)},` +
      `SignedHeaders=${canonicalHeaders(signed).signed},Signature=${signature}`,
  };
}
