import { randomUUID } from 'node:crypto';
import { ApiError } from '../../common/errors';
import type { Principal } from '../../common/auth';
import {
  doctorOf,
  feverReport,
  normalReport,
  principal,
  submissionsHarness,
} from '../../../test/medium/submissions/submission-fixtures';
import type { ListParameters } from './submission-list-query';
import type { StoredSubmission } from './submission.types';

type Harness = ReturnType<typeof submissionsHarness>;

const doctorA = doctorOf('clinic-a');
const nurseA = principal(['nurse'], { userId: 'nurse-a', institutionId: 'clinic-a' });
const doctorB = doctorOf('clinic-b');

async function file(
  h: Harness,
  who: Principal,
  values: Record<string, unknown>,
  status?: 'draft',
): Promise<string> {
  const { response } = await h.service.create(
    { principal: who },
    {
      formKey: 'patient-visit-report',
      values,
      idempotencyKey: randomUUID(),
      requestHash: randomUUID(),
      status,
    },
  );
  return (response.body as { id: string }).id;
}

async function statusOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return `${error.getStatus()} ${error.code}`;
    throw error;
  }
  return 'ok';
}

const listAll = (overrides: Partial<ListParameters> = {}): ListParameters => ({
  statuses: ['pending', 'reported'],
  page: 1,
  pageSize: 20,
  unmask: false,
  ...overrides,
});

describe('SubmissionReader.get', () => {
  it('given a report, when read by its clinic, then values are masked and a read-personal row is audited', async () => {
    const h = submissionsHarness();
    const id = await file(h, doctorA, feverReport());

    const view = await h.reader.get({ principal: nurseA }, id, false);

    expect(view).toMatchObject({
      id,
      masked: true,
      integrity: [],
      derived: { fever: true },
      values: {
        idNumber: '3624**********0026',
        phone: '136****2323',
        patientName: '陈*',
        temperature: 38.5,
      },
    });
    expect(h.audit.entries.at(-1)).toMatchObject({
      action: 'read-personal',
      actor: 'nurse-a',
      resourceId: id,
    });
  });

  it('given unmask, when asked by a nurse without the permission, then 403; by a doctor, then clear values and an unmask row', async () => {
    const h = submissionsHarness();
    const id = await file(h, doctorA, feverReport());

    expect(await statusOf(h.reader.get({ principal: nurseA }, id, true))).toBe(
      '403 UNMASK_FORBIDDEN',
    );
    const view = await h.reader.get({ principal: doctorA }, id, true);

    expect(view).toMatchObject({
      masked: false,
      values: { idNumber: '362421199409180026', phone: '13658582323' },
    });
    expect(h.audit.actions().slice(-2)).toEqual(['read-personal', 'unmask']);
  });

  it('given another clinic’s report or an unknown id, when read, then 404 alike', async () => {
    const h = submissionsHarness();
    const id = await file(h, doctorA, feverReport());

    expect(await statusOf(h.reader.get({ principal: doctorB }, id, false))).toBe(
      '404 SUBMISSION_NOT_FOUND',
    );
    expect(await statusOf(h.reader.get({ principal: doctorB }, randomUUID(), false))).toBe(
      '404 SUBMISSION_NOT_FOUND',
    );
  });

  it('given the district reviewer of the clinic’s district, when reading, then the report is in scope', async () => {
    const h = submissionsHarness();
    const id = await file(h, doctorA, feverReport());
    const reviewer = principal(['district_reviewer'], { regionCode: '441900003' });
    const elsewhere = principal(['district_reviewer'], { regionCode: '440106' });

    expect((await h.reader.get({ principal: reviewer }, id, false)).id).toBe(id);
    expect(await statusOf(h.reader.get({ principal: elsewhere }, id, false))).toBe(
      '404 SUBMISSION_NOT_FOUND',
    );
  });

  it('given a stored ciphertext with one flipped byte, when read, then that value is null, integrity names it and tampering is audited', async () => {
    const h = submissionsHarness();
    const id = await file(h, doctorA, feverReport());
    const stored = (
      h.repository as unknown as { submissions: Map<string, StoredSubmission> }
    ).submissions.get(id)!;
    const idNumber = stored.values['idNumber'] as { ct: string };
    const bytes = Buffer.from(idNumber.ct, 'base64');
    bytes[3] = bytes[3]! ^ 0x80;
    idNumber.ct = bytes.toString('base64');

    const view = await h.reader.get({ principal: doctorA }, id, false);

    expect(view.values['idNumber']).toBeNull();
    expect(view.values['phone']).toBe('136****2323');
    expect(view.integrity).toEqual([{ path: '/values/idNumber', code: 'tampered' }]);
    expect(h.audit.entries).toContainEqual(
      expect.objectContaining({
        action: 'tamper-detected',
        resourceId: id,
        details: { field: '/values/idNumber', reason: 'mac-mismatch' },
      }),
    );
  });
});

describe('SubmissionReader.list', () => {
  async function filed(h: Harness) {
    const fever = await file(h, doctorA, feverReport());
    const normal = await file(h, nurseA, normalReport());
    const draft = await file(h, doctorA, { temperature: 36 }, 'draft');
    const other = await file(h, doctorB, feverReport());
    return { fever, normal, draft, other };
  }

  it('given reports of two clinics, when clinic A lists all, then it sees its own pending and reported, newest first, masked, with a total', async () => {
    const h = submissionsHarness();
    const ids = await filed(h);

    const page = await h.reader.list({ principal: doctorA }, listAll());

    expect(page.items.map((i) => i.id)).toEqual([ids.normal, ids.fever]);
    expect(page.total).toBe(2);
    expect(page.items[1]!.values['phone']).toBe('136****2323');
  });

  it('given filters, when listed, then status, flag, reporter and form each narrow the list', async () => {
    const h = submissionsHarness();
    const ids = await filed(h);

    const ids$ = async (p: Partial<ListParameters>) =>
      (await h.reader.list({ principal: doctorA }, listAll(p))).items.map((i) => i.id);

    expect(await ids$({ statuses: ['draft'] })).toEqual([ids.draft]);
    expect(await ids$({ flag: 'fever' })).toEqual([ids.fever]);
    expect(await ids$({ reporterId: 'nurse-a' })).toEqual([ids.normal]);
    expect(await ids$({ formKey: 'other-form' })).toEqual([]);
    expect(await ids$({ from: new Date(Date.now() + 60_000) })).toEqual([]);
  });

  it('given three reports, when paged by two, then page 2 holds the oldest and the total stays 3', async () => {
    const h = submissionsHarness();
    const first = await file(h, doctorA, normalReport());
    await file(h, doctorA, normalReport());
    await file(h, doctorA, normalReport());

    const page = await h.reader.list({ principal: doctorA }, listAll({ page: 2, pageSize: 2 }));

    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items.map((i) => i.id)).toEqual([first]);
  });
});

describe('PatientSearch', () => {
  it('given two reports of one patient and one of another, when searched by ID number, phone or name, then one person with both report ids, masked', async () => {
    const h = submissionsHarness();
    const older = await file(h, doctorA, normalReport());
    const newer = await file(h, doctorA, feverReport());
    await file(
      h,
      doctorA,
      normalReport({
        patientName: '李四',
        idNumber: '11010519491231002X',
        birthDate: '1949-12-31',
        gender: '2',
        phone: '13400005678',
      }),
    );

    for (const q of ['362421199409180026', '13658582323', '陈琛']) {
      const { items } = await h.search.search({ principal: doctorA }, q);

      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        formKey: 'patient-visit-report',
        latestSubmissionId: newer,
        submissionIds: [newer, older],
        patient: {
          patientName: '陈*',
          idNumber: '3624**********0026',
          phone: '136****2323',
          gender: '2',
        },
      });
      expect(items[0]!.patient).not.toHaveProperty('temperature');
    }
  });

  it('given a patient reported by another clinic, when searched, then nothing is found', async () => {
    const h = submissionsHarness();
    await file(h, doctorB, feverReport());

    expect((await h.search.search({ principal: doctorA }, '13658582323')).items).toEqual([]);
  });

  it('given many matching reports, when searched, then only the latest report’s patient block is decrypted', async () => {
    const h = submissionsHarness();
    for (let i = 0; i < 5; i++) await file(h, doctorA, normalReport());
    const decrypt = jest.spyOn(h.cipher, 'decrypt');

    await h.search.search({ principal: doctorA }, '陈琛');

    expect(decrypt.mock.calls.map(([, location]) => location.field).sort()).toEqual([
      '/values/birthDate',
      '/values/idNumber',
      '/values/patientName',
      '/values/phone',
    ]);
  });

  it('given a spaced phone with the country code, when searched, then the blind index still matches', async () => {
    const h = submissionsHarness();
    await file(h, doctorA, normalReport());

    expect((await h.search.search({ principal: doctorA }, '+86 136 5858 2323')).items).toHaveLength(
      1,
    );
  });
});
