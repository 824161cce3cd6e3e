import type { Principal } from '../../common/auth';
import { isEncryptedField } from '../../crypto/field-protection';
import {
  createCommand as command,
  doctorOf,
  normalReport,
  principal,
  refusal,
  submissionsHarness,
} from '../../../test/medium/submissions/submission-fixtures';

const doctor = doctorOf('clinic-a');
const patient: Principal = principal(['patient'], { userId: 'p-user', patientId: 'patient-1' });

describe('SubmissionsService.update', () => {
  async function pendingPrefill(harness: ReturnType<typeof submissionsHarness>): Promise<string> {
    const { temperature: _t, ...withoutTemperature } = normalReport();
    const { response } = await harness.service.create(
      { principal: patient },
      command(withoutTemperature, { institutionId: 'clinic-a' }),
    );
    return (response.body as { id: string }).id;
  }

  it('given a patient’s pending pre-fill, when staff add the temperature and report it, then it is reported with their name, the patient’s values kept', async () => {
    const harness = submissionsHarness();
    const id = await pendingPrefill(harness);

    const receipt = await harness.service.update({ principal: doctor }, id, {
      status: 'reported',
      values: { temperature: 36.8 },
    });
    const stored = await harness.repository.findById(id, {
      kind: 'institution',
      institutionId: 'clinic-a',
    });
    const events = await harness.repository.outbox.claim({
      consumer: 't',
      limit: 10,
      leaseMs: 1000,
    });

    expect(receipt).toMatchObject({
      id,
      status: 'reported',
      derived: { fever: false },
      issues: [],
    });
    expect(stored).toMatchObject({
      revision: 2,
      reporter: { userId: doctor.userId },
      prefilledBy: { userId: 'p-user' },
      patientIds: ['patient-1'],
    });
    expect(stored!.values['temperature']).toBe(36.8);
    expect(isEncryptedField(stored!.values['phone'])).toBe(true);
    expect(events.map((e) => e.status)).toEqual(['pending', 'reported']);
    expect(harness.audit.actions()).toEqual(['create', 'update']);
  });

  it('given a reported report, when edited, then 409 SUBMISSION_ALREADY_REPORTED', async () => {
    const harness = submissionsHarness();
    const { response } = await harness.service.create(
      { principal: doctor },
      command(normalReport()),
    );

    expect(
      await refusal(
        harness.service.update({ principal: doctor }, (response.body as { id: string }).id, {
          values: { temperature: 36 },
        }),
      ),
    ).toMatchObject({
      status: 409,
      code: 'SUBMISSION_ALREADY_REPORTED',
    });
  });

  it('given another clinic’s pending report or a made-up id, when edited, then 404 SUBMISSION_NOT_FOUND', async () => {
    const harness = submissionsHarness();
    const id = await pendingPrefill(harness);

    expect(
      await refusal(
        harness.service.update({ principal: doctorOf('clinic-b') }, id, { status: 'reported' }),
      ),
    ).toMatchObject({ status: 404, code: 'SUBMISSION_NOT_FOUND' });
    expect(
      await refusal(harness.service.update({ principal: doctor }, 'not-an-id', {})),
    ).toMatchObject({ status: 404 });
  });

  it('given a pending report still missing a value, when completed, then 422 and it stays pending', async () => {
    const harness = submissionsHarness();
    const id = await pendingPrefill(harness);

    expect(
      await refusal(harness.service.update({ principal: doctor }, id, { status: 'reported' })),
    ).toMatchObject({ status: 422, paths: ['/values/temperature'] });
    expect(
      (await harness.repository.findById(id, { kind: 'institution', institutionId: 'clinic-a' }))
        ?.status,
    ).toBe('pending');
  });

  it('given a pending report, when asked to become a draft, then 422 STATUS_TRANSITION_REFUSED', async () => {
    const harness = submissionsHarness();
    const id = await pendingPrefill(harness);

    expect(
      await refusal(harness.service.update({ principal: doctor }, id, { status: 'draft' })),
    ).toMatchObject({ status: 422, code: 'STATUS_TRANSITION_REFUSED' });
  });
});
