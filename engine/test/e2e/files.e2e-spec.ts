import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import request from 'supertest';
import type { App } from 'supertest/types';
import type { FileField } from '@sentinel/definitions';
import type { Principal } from '../../src/common/auth';
import { AUDIT_COLLECTION } from '../../src/modules/audit/audit-chain';
import { PrincipalResolver } from '../../src/modules/auth/guard/principal-resolver';
import { FileReferences } from '../../src/modules/files/file-references';
import { authed, createAccount, FAST_HASHING_ENV, loginAs } from '../support/auth-helpers';
import { noisePng } from '../support/test-images';
import { startE2eApp, type E2eApp } from './e2e-app';

/** JPEG start-of-image and a JFIF segment, then noise: what the sniffer sees of a JPEG. */
const JPEG_BYTES = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  randomBytes(2048),
]);
const DISTRICT_PATH = ['440000', '441900', '441900003'];
const LICENCE_FIELD: FileField = {
  kind: 'field',
  key: 'licence',
  type: 'file',
  title: { zh: '执业许可证', en: 'Licence' },
  mimeTypes: ['image/png'],
};

describe('files: upload, scoped download, references (e2e, GridFS)', () => {
  let sut: E2eApp;
  let server: App;
  let clinicA: string;
  let clinicB: string;
  let reviewer: string;

  beforeAll(async () => {
    sut = await startE2eApp(__filename, FAST_HASHING_ENV);
    server = sut.app.getHttpServer() as App;
    await createAccount(sut.app, {
      username: 'files-doc-a',
      roles: ['doctor'],
      institutionId: 'clinic-files-a',
    });
    await createAccount(sut.app, {
      username: 'files-doc-b',
      roles: ['doctor'],
      institutionId: 'clinic-files-b',
    });
    await createAccount(sut.app, {
      username: 'files-reviewer',
      roles: ['district_reviewer'],
      regionCode: '441900003',
    });
    clinicA = await loginAs(sut.app, 'files-doc-a');
    clinicB = await loginAs(sut.app, 'files-doc-b');
    reviewer = await loginAs(sut.app, 'files-reviewer');
  });

  afterAll(async () => {
    await sut.close();
  });

  const upload = (token: string, bytes: Buffer, filename: string, contentType?: string) =>
    authed(sut.app, token)
      .post('/api/files')
      .attach('file', bytes, contentType === undefined ? filename : { filename, contentType });

  const fileCount = () => sut.database.connection.collection('files').countDocuments();

  it('given a 600 KB PNG, when uploaded and downloaded, then 201 {id, mimeType, size} and the same bytes as an attachment', async () => {
    const png = noisePng(400);
    expect(png.length).toBeGreaterThan(600_000); // more than two GridFS chunks

    const created = await upload(clinicA, png, '营业执照.png', 'image/png')
      .field('purpose', 'licence')
      .expect(201);

    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      mimeType: 'image/png',
      size: png.length,
    });
    const download = await authed(sut.app, clinicA)
      .get(`/api/files/${created.body.id}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, png)).toBe(0);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="____.png"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.png`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const stored = await sut.database.connection.collection('files').findOne({});
    expect(stored).toMatchObject({
      mimeType: 'image/png',
      size: png.length,
      sm3: expect.stringMatching(/^[0-9a-f]{64}$/),
      fileName: '营业执照.png',
      purpose: 'licence',
      institutionId: 'clinic-files-a',
      references: [],
    });
  });

  it('given JPEG bytes in a part named x.png and claimed as image/png, when uploaded, then 400 FILE_TYPE_MISMATCH and nothing stored', async () => {
    const before = await fileCount();

    const response = await upload(clinicA, JPEG_BYTES, 'x.png', 'image/png').expect(400);

    expect(response.body).toMatchObject({
      error: 'FILE_TYPE_MISMATCH',
      errors: [
        {
          path: '/file',
          message: { zh: expect.any(String), en: expect.stringContaining('image/png') },
        },
      ],
    });
    expect(await fileCount()).toBe(before);
  });

  it('given the same JPEG bytes claimed as image/jpeg under a .png name, when uploaded, then 201 image/jpeg (content decides)', async () => {
    const response = await upload(clinicA, JPEG_BYTES, 'x.png', 'image/jpeg').expect(201);

    expect(response.body.mimeType).toBe('image/jpeg');
  });

  it('given a text file, when uploaded, then 415 FILE_TYPE_UNSUPPORTED', async () => {
    const response = await upload(
      clinicA,
      Buffer.from('just some notes\n'),
      'notes.txt',
      'text/plain',
    ).expect(415);

    expect(response.body.error).toBe('FILE_TYPE_UNSUPPORTED');
  });

  it('given 10 MB + 1 byte, when uploaded, then 413 FILE_TOO_LARGE and nothing stored', async () => {
    const before = await fileCount();

    const response = await upload(
      clinicA,
      Buffer.alloc(10 * 1024 * 1024 + 1),
      'big.png',
      'image/png',
    ).expect(413);

    expect(response.body).toMatchObject({ error: 'FILE_TOO_LARGE', errors: [{ path: '/file' }] });
    expect(await fileCount()).toBe(before);
  });

  it("given clinic A's upload, when clinic B downloads it, then 404 exactly like an unknown id", async () => {
    const { body } = await upload(clinicA, noisePng(4), 'a.png').expect(201);

    const theirs = await authed(sut.app, clinicB).get(`/api/files/${body.id}`).expect(404);
    const unknown = await authed(sut.app, clinicB)
      .get('/api/files/ffffffffffffffffffffffff')
      .expect(404);
    const malformed = await authed(sut.app, clinicB).get('/api/files/not-an-id').expect(404);

    expect(theirs.body).toEqual(unknown.body);
    expect(malformed.body).toEqual(unknown.body);
    expect(theirs.body.error).toBe('FILE_NOT_FOUND');
  });

  it('given a file outside a reviewer’s scope, when a district record references it, then the district reviewer may download it', async () => {
    const { body } = await upload(clinicA, noisePng(4), 'b.png').expect(201);
    await authed(sut.app, reviewer).get(`/api/files/${body.id}`).expect(404);

    await sut.app
      .get(FileReferences)
      .attach(
        await principalOf(clinicA),
        [{ path: '/values/licence', field: LICENCE_FIELD, fileIds: [body.id] }],
        {
          collection: 'submissions',
          id: 'sub-1',
          institutionId: 'clinic-files-a',
          regionPath: DISTRICT_PATH,
        },
      );

    await authed(sut.app, reviewer).get(`/api/files/${body.id}`).expect(200);
    await authed(sut.app, clinicB).get(`/api/files/${body.id}`).expect(404);
    const stored = await sut.database.connection
      .collection('files')
      .findOne({ _id: new Types.ObjectId(body.id as string) });
    expect(stored?.['references']).toEqual([
      {
        recordCollection: 'submissions',
        recordId: 'sub-1',
        institutionId: 'clinic-files-a',
        regionPath: DISTRICT_PATH,
      },
    ]);
  });

  it('given two files, a second field or no file, when uploaded, then 400 with a clear code', async () => {
    const png = noisePng(2);
    const two = await authed(sut.app, clinicA)
      .post('/api/files')
      .attach('file', png, 'a.png')
      .attach('file', png, 'b.png')
      .expect(400);
    const otherName = await authed(sut.app, clinicA)
      .post('/api/files')
      .attach('photo', png, 'a.png')
      .expect(400);
    const longField = await upload(clinicA, png, 'a.png').field('patientName', '张三').expect(400);
    const shortField = await upload(clinicA, png, 'a.png').field('x', '1').expect(400);
    const none = await authed(sut.app, clinicA)
      .post('/api/files')
      .field('purpose', 'x')
      .expect(400);

    expect(two.body.error).toBe('UNEXPECTED_FILE');
    expect(otherName.body.error).toBe('UNEXPECTED_FILE');
    expect(longField.body.error).toBe('UNEXPECTED_FIELD');
    expect(shortField.body).toMatchObject({ error: 'VALIDATION_FAILED', errors: [{ path: '/x' }] });
    expect(none.body.error).toBe('FILE_REQUIRED');
  });

  it('given no token, when uploading or downloading, then 401', async () => {
    await request(server).post('/api/files').attach('file', noisePng(2), 'a.png').expect(401);
    await request(server).get('/api/files/ffffffffffffffffffffffff').expect(401);
  });

  it('given multipart/form-data posted to any other route, when sent, then still 415', async () => {
    const response = await request(server)
      .post('/api/test/echo')
      .attach('file', noisePng(2), 'a.png')
      .expect(415);

    expect(response.body.error).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('given uploads and downloads above, when the audit log is read, then file-upload and file-download rows without file names', async () => {
    const rows = await sut.database.connection
      .collection(AUDIT_COLLECTION)
      .find({ action: { $in: ['file-upload', 'file-download'] } })
      .toArray();

    expect(rows.filter((r) => r['action'] === 'file-upload').length).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r['action'] === 'file-download' && r['outcome'] === 'failure')).toBe(
      true,
    );
    expect(JSON.stringify(rows)).not.toContain('营业执照');
  });

  /** The principal the guard builds for a token, to call FileReferences as a module does. */
  async function principalOf(token: string): Promise<Principal> {
    const principal = await sut.app.get(PrincipalResolver).resolve(token);
    if (principal === null) throw new Error('token does not resolve');
    return principal;
  }
});
