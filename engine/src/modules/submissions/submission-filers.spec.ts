import { ApiError } from '../../common/errors';
import type { InstitutionStatus } from '../institutions/institution-directory';
import {
  contentForm,
  createCommand as command,
  doctorOf,
  normalReport,
  principal,
  publish,
  refusal,
  submissionsHarness,
} from '../../../test/medium/submissions/submission-fixtures';

/** A form any institution may file, like the clinic qualification (same fields as the visit report). */
const QUALIFICATION = 'qualification-like';
const DAILY = 'patient-visit-report';

function harnessWith(id: string, status: InstitutionStatus) {
  const harness = submissionsHarness();
  harness.registry.add(
    publish({ ...contentForm(DAILY), key: QUALIFICATION, filers: 'any-institution' }),
  );
  harness.institutions.add(id, status);
  return harness;
}

const file = (harness: ReturnType<typeof harnessWith>, institutionId: string, formKey: string) =>
  harness.service.create(
    { principal: doctorOf(institutionId, `staff-${institutionId}`) },
    command(normalReport(), { formKey }),
  );

/** The refusal's status, code and first message; fails the test if the call was accepted. */
async function refusalMessage(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => new Error('accepted'),
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw error;
  return { status: error.getStatus(), code: error.code, message: error.details[0]?.message };
}

async function statusOf(harness: ReturnType<typeof harnessWith>, id: string) {
  return (await harness.institutions.institution(id))?.status;
}

describe('SubmissionsService: who may file a form (filers)', () => {
  it('given a pending clinic, when it files a form for any institution, then 201; the daily report stays 403 with a message saying it is under review', async () => {
    const harness = harnessWith('clinic-new', 'pending');

    const filed = await file(harness, 'clinic-new', QUALIFICATION);
    const daily = await refusalMessage(file(harness, 'clinic-new', DAILY));

    expect(filed.response.status).toBe(201);
    expect(daily).toEqual({
      status: 403,
      code: 'INSTITUTION_NOT_APPROVED',
      message: {
        zh: expect.stringContaining('审核中'),
        en: expect.stringContaining('under review'),
      },
    });
    expect(await refusal(file(harness, 'clinic-new', DAILY))).toMatchObject({ paths: [''] });
    expect(await statusOf(harness, 'clinic-new')).toBe('pending');
  });

  it('given a rejected clinic, when its staff report the qualification form, then it is stored and the clinic is pending again, changed by that staff member', async () => {
    const harness = harnessWith('clinic-rejected', 'rejected');

    const filed = await file(harness, 'clinic-rejected', QUALIFICATION);

    expect(filed.response.status).toBe(201);
    expect(await statusOf(harness, 'clinic-rejected')).toBe('pending');
    expect(harness.institutions.systemChanges).toEqual([
      {
        id: 'clinic-rejected',
        status: 'pending',
        actor: 'staff-clinic-rejected',
        options: { source: `submission:${QUALIFICATION}` },
      },
    ]);
  });

  it('given a rejected clinic, when its staff only save a draft of the qualification form, then it stays rejected until the report is filed', async () => {
    const harness = harnessWith('clinic-rejected', 'rejected');
    const staff = { principal: doctorOf('clinic-rejected', 'staff-r') };

    const draft = await harness.service.create(
      staff,
      command(normalReport(), { formKey: QUALIFICATION, status: 'draft' }),
    );
    expect(await statusOf(harness, 'clinic-rejected')).toBe('rejected');

    const id = (draft.response.body as { id: string }).id;
    await harness.service.update(staff, id, { status: 'reported' });
    expect(await statusOf(harness, 'clinic-rejected')).toBe('pending');
  });

  it('given a rejected clinic whose status cannot be written, when it files the qualification, then the error surfaces and no report is stored', async () => {
    const harness = harnessWith('clinic-rejected', 'rejected');
    harness.institutions.failNextSystemChange = true;

    await expect(file(harness, 'clinic-rejected', QUALIFICATION)).rejects.toThrow(
      'store unavailable',
    );

    const stored = await harness.repository.list({
      scope: { kind: 'institution', institutionId: 'clinic-rejected' },
      statuses: ['draft', 'pending', 'reported'],
      skip: 0,
      limit: 10,
    });
    expect(stored.total).toBe(0);
    expect(await statusOf(harness, 'clinic-rejected')).toBe('rejected');
  });

  it('given a rejected clinic, when a patient pre-fills the qualification form for it, then the clinic stays rejected', async () => {
    const harness = harnessWith('clinic-rejected', 'rejected');
    const patient = principal(['patient'], { userId: 'p-user', patientId: 'patient-1' });

    const prefill = await harness.service.create(
      { principal: patient },
      command(normalReport(), { formKey: QUALIFICATION, institutionId: 'clinic-rejected' }),
    );

    expect(prefill.response.status).toBe(201);
    expect(await statusOf(harness, 'clinic-rejected')).toBe('rejected');
  });

  it('given a suspended clinic, when it files either form, then 403 INSTITUTION_NOT_APPROVED saying it is suspended', async () => {
    const harness = harnessWith('clinic-suspended', 'suspended');

    for (const formKey of [QUALIFICATION, DAILY]) {
      expect(await refusalMessage(file(harness, 'clinic-suspended', formKey))).toEqual({
        status: 403,
        code: 'INSTITUTION_NOT_APPROVED',
        message: { zh: expect.stringContaining('暂停'), en: expect.stringContaining('suspended') },
      });
    }
  });

  it('given an approved clinic, when it files the qualification form again, then 201 and its status is left alone', async () => {
    const harness = harnessWith('clinic-ok', 'approved');

    expect((await file(harness, 'clinic-ok', QUALIFICATION)).response.status).toBe(201);
    expect(await statusOf(harness, 'clinic-ok')).toBe('approved');
    expect(harness.institutions.systemChanges).toEqual([]);
  });
});
