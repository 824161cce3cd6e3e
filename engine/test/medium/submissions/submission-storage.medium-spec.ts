import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../src/common/errors';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import {
  createCommand as command,
  doctorOf,
  feverReport,
  normalReport,
} from './submission-fixtures';
import { startSubmissions, type SubmissionsInstance } from './submissions-harness';

const doctorA = doctorOf('clinic-a');
const doctorB = doctorOf('clinic-b');

const idOf = (outcome: { response: { body: unknown } }) =>
  (outcome.response.body as { id: string }).id;

describe('submissions in the store', () => {
  let database: TestDatabase;
  let sut: SubmissionsInstance;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    sut = await startSubmissions(database);
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  it('given two reports with the same phone, when stored, then the raw documents hold personal fields only as {kid,iv,ct,mac} with different ciphertexts (SECURITY 11)', async () => {
    const first = idOf(await sut.service.create({ principal: doctorA }, command(feverReport())));
    const second = idOf(await sut.service.create({ principal: doctorA }, command(feverReport())));

    const raw = await sut
      .collection('submissions')
      .find({ _id: { $in: [first, second] } } as never)
      .toArray();

    expect(raw).toHaveLength(2);
    for (const doc of raw) {
      const values = doc['values'] as Record<string, unknown>;
      for (const key of ['patientName', 'idNumber', 'birthDate', 'phone', 'currentAddress']) {
        expect(Object.keys(values[key] as object).sort()).toEqual(['ct', 'iv', 'kid', 'mac']);
      }
      const text = JSON.stringify(doc);
      for (const secret of [
        '13658582323',
        '362421199409180026',
        '陈琛',
        '1994-09-18',
        '万江街道',
      ]) {
        expect(text).not.toContain(secret);
      }
    }
    const [a, b] = raw.map((d) => (d['values'] as { phone: { ct: string } }).phone.ct);
    expect(a).not.toBe(b);
  });

  it('given a byte flipped in the stored ciphertext, when read, then the value is null, integrity names it and tampering is audited (SECURITY 12)', async () => {
    const id = idOf(await sut.service.create({ principal: doctorA }, command(feverReport())));
    const raw = await sut.collection('submissions').findOne({ _id: id } as never);
    const ct = Buffer.from((raw!['values'] as { phone: { ct: string } }).phone.ct, 'base64');
    ct[ct.length - 1] = ct[ct.length - 1]! ^ 0x01;
    await sut
      .collection('submissions')
      .updateOne({ _id: id } as never, { $set: { 'values.phone.ct': ct.toString('base64') } });

    const view = await sut.reader.get({ principal: doctorA }, id, false);

    expect(view.values['phone']).toBeNull();
    expect(view.values['idNumber']).toBe('3624**********0026');
    expect(view.integrity).toEqual([{ path: '/values/phone', code: 'tampered' }]);
    expect(sut.audit.entries).toContainEqual(
      expect.objectContaining({
        action: 'tamper-detected',
        resourceId: id,
        details: { field: '/values/phone', reason: 'mac-mismatch' },
      }),
    );
  });

  it('given 20 concurrent requests with one key, when submitted, then one document, one event and 20 identical answers (SECURITY 1)', async () => {
    const key = `key-${randomUUID()}`;
    const same = command(normalReport({ patientName: '并发测试' }), {
      idempotencyKey: key,
      requestHash: 'same-body',
    });

    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => sut.service.create({ principal: doctorA }, same)),
    );

    expect(new Set(outcomes.map((o) => JSON.stringify(o.response))).size).toBe(1);
    const id = idOf(outcomes[0]!);
    expect(await sut.collection('submissions').countDocuments({ _id: id } as never)).toBe(1);
    expect(await sut.collection('outbox').countDocuments({ submissionId: id })).toBe(1);
    expect(
      await sut
        .collection('idempotency_keys')
        .findOne({ _id: `${doctorA.userId}/${key}` } as never),
    ).toMatchObject({
      state: 'completed',
      requestHash: 'same-body',
    });
  });

  it('given a used key, when sent with another body, then 409 IDEMPOTENCY_KEY_REUSED and no second document', async () => {
    const key = `key-${randomUUID()}`;
    await sut.service.create(
      { principal: doctorA },
      command(normalReport(), { idempotencyKey: key, requestHash: 'one' }),
    );
    const before = await sut.collection('submissions').countDocuments();

    const refused = await sut.service
      .create(
        { principal: doctorA },
        command(normalReport(), { idempotencyKey: key, requestHash: 'two' }),
      )
      .catch((e: ApiError) => `${e.getStatus()} ${e.code}`);

    expect(refused).toBe('409 IDEMPOTENCY_KEY_REUSED');
    expect(await sut.collection('submissions').countDocuments()).toBe(before);
  });

  it('given a refused submission, when its key is looked up, then the key was released', async () => {
    const key = `key-${randomUUID()}`;

    await sut.service
      .create({ principal: doctorA }, command({ temperature: 'hot' }, { idempotencyKey: key }))
      .catch(() => undefined);

    expect(
      await sut
        .collection('idempotency_keys')
        .countDocuments({ _id: `${doctorA.userId}/${key}` } as never),
    ).toBe(0);
  });

  it('given reports of two clinics, when listed with filters, then scope, flag and status narrow the page and total', async () => {
    await sut.service.create({ principal: doctorB }, command(feverReport({ patientName: '王五' })));
    await sut.service.create(
      { principal: doctorB },
      command(normalReport({ patientName: '王五' })),
    );
    await sut.service.create(
      { principal: doctorB },
      command({ temperature: 36 }, { status: 'draft' }),
    );

    const all = await sut.reader.list(
      { principal: doctorB },
      { statuses: ['pending', 'reported'], page: 1, pageSize: 1, unmask: false },
    );
    const fever = await sut.reader.list(
      { principal: doctorB },
      { statuses: ['pending', 'reported'], flag: 'fever', page: 1, pageSize: 10, unmask: false },
    );
    const drafts = await sut.reader.list(
      { principal: doctorB },
      { statuses: ['draft'], page: 1, pageSize: 10, unmask: false },
    );

    expect(all.total).toBe(2);
    expect(all.items).toHaveLength(1);
    expect(all.items[0]!.values).toMatchObject({ patientName: '王*', temperature: 36.6 });
    expect(fever.items.map((i) => i.derived['fever'])).toEqual([true]);
    expect(drafts.total).toBe(1);
  });

  it('given reports of clinic A, when clinic B reads one by id, then 404 (SECURITY 16)', async () => {
    const id = idOf(await sut.service.create({ principal: doctorA }, command(normalReport())));

    const refused = await sut.reader
      .get({ principal: doctorB }, id, false)
      .catch((e: ApiError) => `${e.getStatus()} ${e.code}`);

    expect(refused).toBe('404 SUBMISSION_NOT_FOUND');
  });

  it('given reports found by the blind index, when searched by phone, then the store is queried by token only and matches are grouped per person', async () => {
    await sut.service.create(
      { principal: doctorA },
      command(
        normalReport({
          patientName: '赵六',
          idNumber: '11010519491231002X',
          birthDate: '1949-12-31',
          phone: '13400005678',
        }),
      ),
    );
    await sut.service.create(
      { principal: doctorA },
      command(
        feverReport({
          patientName: '赵六',
          idNumber: '11010519491231002X',
          birthDate: '1949-12-31',
          phone: '13400005678',
        }),
      ),
    );

    const { items } = await sut.search.search({ principal: doctorA }, '134 0000 5678');
    const fromB = await sut.search.search({ principal: doctorB }, '13400005678');

    expect(items).toHaveLength(1);
    expect(items[0]!.submissionIds).toHaveLength(2);
    expect(items[0]!.patient).toMatchObject({
      patientName: '赵*',
      phone: '134****5678',
      idNumber: '1101**********002X',
    });
    expect(fromB.items).toEqual([]);
  });
});
