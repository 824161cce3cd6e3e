import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FileStorageConfig } from '../../../config';
import { FileStorage, FileStorageError, StoredBytesMissingError } from './file-storage';
import { sha256Hex, signRequest, uriEncode, type SigV4Credentials } from './sigv4';

/** A store that does not answer in this long is treated as down (uploads are ≤ 10 MB). */
const REQUEST_TIMEOUT_MS = 30_000;

export interface S3Settings {
  /** `https://s3.example.com` or `http://127.0.0.1:9000` (path-style: bucket in the path). */
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The injectable clock of the signature (tests pin it; S3 refuses a skew over 15 minutes). */
export type Now = () => Date;

/**
 * Bytes in an S3-compatible object store through path-style PUT / GET / DELETE signed with
 * SigV4 (see sigv4.ts). Path style works with MinIO and private endpoints without wildcard DNS.
 */
export class S3FileStorage extends FileStorage {
  readonly kind = 's3';
  private readonly credentials: SigV4Credentials;

  constructor(
    private readonly settings: S3Settings,
    private readonly now: Now = () => new Date(),
  ) {
    super();
    this.credentials = {
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      region: settings.region,
      service: 's3',
    };
  }

  /** parseConfig already refuses `s3` without these; the check keeps the types honest. */
  static fromConfig(config: FileStorageConfig): S3FileStorage {
    const { s3Endpoint, s3Bucket, s3AccessKey, s3SecretKey, s3Region } = config;
    if (!s3Endpoint || !s3Bucket || !s3AccessKey || !s3SecretKey) {
      throw new FileStorageError(
        'S3 storage needs SENTINEL_S3_ENDPOINT, SENTINEL_S3_BUCKET, SENTINEL_S3_ACCESS_KEY and SENTINEL_S3_SECRET_KEY',
      );
    }
    return new S3FileStorage({
      endpoint: s3Endpoint,
      bucket: s3Bucket,
      region: s3Region,
      accessKeyId: s3AccessKey,
      secretAccessKey: s3SecretKey,
    });
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const response = await this.send('PUT', key, bytes, { 'content-type': contentType });
    if (!response.ok) throw await this.refusal('PUT', key, response);
    await response.arrayBuffer();
  }

  async open(key: string): Promise<Readable> {
    const response = await this.send('GET', key);
    if (response.status === 404) {
      await response.arrayBuffer();
      throw new StoredBytesMissingError(key);
    }
    if (!response.ok || response.body === null) throw await this.refusal('GET', key, response);
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    // S3 answers 204 whether or not the key existed; some compatibles answer 404.
    if (!response.ok && response.status !== 404) throw await this.refusal('DELETE', key, response);
    await response.arrayBuffer();
  }

  private objectUrl(key: string): URL {
    const base = this.settings.endpoint.replace(/\/+$/, '');
    return new URL(`${base}/${uriEncode(this.settings.bucket)}/${uriEncode(key, true)}`);
  }

  private async send(
    method: 'PUT' | 'GET' | 'DELETE',
    key: string,
    body?: Buffer,
    extraHeaders: Record<string, string> = {},
  ): Promise<Response> {
    const url = this.objectUrl(key);
    const headers = signRequest(
      { method, url, headers: extraHeaders, payloadSha256: sha256Hex(body ?? '') },
      this.credentials,
      this.now(),
    );
    try {
      return await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : new Uint8Array(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new FileStorageError(`S3 ${method} ${url.origin} failed: ${describe(error)}`, {
        cause: error,
      });
    }
  }

  /** S3 explains refusals in an XML body (`<Code>SignatureDoesNotMatch</Code>`); keep code and message. */
  private async refusal(
    method: string,
    key: string,
    response: Response,
  ): Promise<FileStorageError> {
    const text = await response.text().catch(() => '');
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? 'unknown';
    const message = /<Message>([^<]{1,300})<\/Message>/.exec(text)?.[1] ?? '';
    const hint =
      code === 'SignatureDoesNotMatch' || code === 'InvalidAccessKeyId'
        ? ' (check SENTINEL_S3_ACCESS_KEY and SENTINEL_S3_SECRET_KEY)'
        : '';
    return new FileStorageError(
      `S3 ${method} ${this.settings.bucket}/${key} refused: ${response.status} ${code}${message ? `: ${message}` : ''}${hint}`,
    );
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
