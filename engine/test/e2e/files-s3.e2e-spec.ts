import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  FileStorage,
  FileStorageError,
  StoredBytesMissingError,
} from '../../src/modules/files/storage/file-storage';
import { S3FileStorage, type S3Settings } from '../../src/modules/files/storage/s3-file-storage';
import { authed, createAccount, FAST_HASHING_ENV, loginAs } from '../support/auth-helpers';
import { startS3Double, type S3Double } from '../support/s3-double';
import { startE2eApp, type E2eApp } from './e2e-app';

const BUCKET = 'sentinel-files';
const REGION = 'cn-south-1';
const ACCESS_KEY = 'AKIDSENTINELTEST';
const SECRET_KEY = 'test-secret-key/with+reserved=chars';

/** A GIF header and noise: the sniffer accepts it as image/gif. */
const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), randomBytes(4096)]);

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('files on S3-compatible storage (e2e against a SigV4-verifying double)', () => {
  let s3: S3Double;
  let sut: E2eApp;
  let settings: S3Settings;

  beforeAll(async () => {
    s3 = await startS3Double({
      bucket: BUCKET,
      region: REGION,
      accessKeyId: ACCESS_KEY,
      secretAccessKey: SECRET_KEY,
    });
    settings = {
      endpoint: s3.endpoint,
      bucket: BUCKET,
      region: REGION,
      accessKeyId: ACCESS_KEY,
      secretAccessKey: SECRET_KEY,
    };
    sut = await startE2eApp(__filename, {
      ...FAST_HASHING_ENV,
      SENTINEL_FILE_STORAGE: 's3',
      SENTINEL_S3_ENDPOINT: s3.endpoint,
      SENTINEL_S3_BUCKET: BUCKET,
      SENTINEL_S3_REGION: REGION,
      SENTINEL_S3_ACCESS_KEY: ACCESS_KEY,
      SENTINEL_S3_SECRET_KEY: SECRET_KEY,
    });
    await createAccount(sut.app, {
      username: 's3-doc',
      roles: ['doctor'],
      institutionId: 'clinic-s3',
    });
  });

  afterAll(async () => {
    await sut.close();
    await s3.close();
  });

  it('given SENTINEL_FILE_STORAGE=s3, when the app starts, then the S3 adapter is the storage', () => {
    expect(sut.app.get(FileStorage)).toBeInstanceOf(S3FileStorage);
  });

  it('given an upload over HTTP, when downloaded, then the object sits in the bucket and round-trips byte-identical, every request signature verified', async () => {
    const token = await loginAs(sut.app, 's3-doc');

    const created = await authed(sut.app, token)
      .post('/api/files')
      .attach('file', GIF, 'scan.gif')
      .expect(201);
    const download = await authed(sut.app, token)
      .get(`/api/files/${created.body.id}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);

    expect(created.body.mimeType).toBe('image/gif');
    expect(s3.objects.get(`files/${created.body.id}`)).toEqual({
      body: GIF,
      contentType: 'image/gif',
    });
    expect(Buffer.compare(download.body as Buffer, GIF)).toBe(0);
    expect(s3.calls.map((c) => [c.method, c.path, c.status])).toEqual([
      ['PUT', `/${BUCKET}/files/${created.body.id}`, 200],
      ['GET', `/${BUCKET}/files/${created.body.id}`, 200],
    ]);
  });

  it('given a key with spaces, slashes and Chinese, when put, read and deleted, then the double verifies each signature', async () => {
    const storage = new S3FileStorage(settings);
    const key = 'dir/营业执照 copy (1).pdf';

    await storage.put(key, Buffer.from('%PDF-1.7 x'), 'application/pdf');
    const bytes = await readAll(await storage.open(key));
    await storage.delete(key);

    expect(bytes.toString()).toBe('%PDF-1.7 x');
    expect(s3.objects.has(key)).toBe(false);
    expect(s3.calls.slice(-3).map((c) => c.status)).toEqual([200, 200, 204]);
  });

  it('given the wrong secret, when putting, then the double answers 403 SignatureDoesNotMatch and the adapter says which setting to check', async () => {
    const storage = new S3FileStorage({ ...settings, secretAccessKey: 'not-the-secret' });

    const error = await storage.put('files/x', GIF, 'image/gif').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(FileStorageError);
    expect((error as Error).message).toMatch(
      /^S3 PUT sentinel-files\/files\/x refused: 403 SignatureDoesNotMatch: .*\(check SENTINEL_S3_ACCESS_KEY and SENTINEL_S3_SECRET_KEY\)$/,
    );
    expect(s3.calls.at(-1)).toMatchObject({
      method: 'PUT',
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    expect(s3.objects.has('files/x')).toBe(false);
  });

  it('given a clock 20 minutes off, when putting, then RequestTimeTooSkewed surfaces', async () => {
    const storage = new S3FileStorage(settings, () => new Date(Date.now() - 20 * 60 * 1000));

    await expect(storage.put('files/y', GIF, 'image/gif')).rejects.toThrow(
      /403 RequestTimeTooSkewed/,
    );
  });

  it('given a key never stored, when opened, then StoredBytesMissingError; when deleted, then no error', async () => {
    const storage = new S3FileStorage(settings);

    await expect(storage.open('files/none')).rejects.toBeInstanceOf(StoredBytesMissingError);
    await expect(storage.delete('files/none')).resolves.toBeUndefined();
  });

  it('given an endpoint nobody listens on, when putting, then a FileStorageError naming the endpoint', async () => {
    const storage = new S3FileStorage({ ...settings, endpoint: 'http://127.0.0.1:9' });

    await expect(storage.put('files/z', GIF, 'image/gif')).rejects.toThrow(
      /^S3 PUT http:\/\/127\.0\.0\.1:9 failed: /,
    );
  });
});
