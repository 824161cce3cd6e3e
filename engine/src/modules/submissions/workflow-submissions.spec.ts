import {
  createCommand as command,
  doctorOf,
  feverReport,
  principal,
  submissionsHarness,
} from '../../../test/medium/submissions/submission-fixtures';
import { SubmissionMissingError } from './workflow-submissions';

const ID_NUMBER = String(feverReport()['idNumber']);
const doctor = doctorOf('clinic-a');
const patientOf = (patientId: string) =>
  principal(['patient'], { userId: `u-${patientId}`, patientId });

async function filedReport(harness: ReturnType<typeof submissionsHarness>): Promise<string> {
  const { response } = await harness.service.create({ principal: doctor }, command(feverReport()));
  return (response.body as { id: string }).id;
}

async function visibleTo(harness: ReturnType<typeof submissionsHarness>, patientId: string) {
  const page = await harness.reader.list(
    { principal: patientOf(patientId) },
    { statuses: ['pending', 'reported'], page: 1, pageSize: 20, unmask: false },
  );
  return page.items.map((item) => item.id);
}

describe('WorkflowSubmissions', () => {
  it('given a filed report, when read for a workflow, then every non-personal value is there and no personal one', async () => {
    const harness = submissionsHarness();
    const id = await filedReport(harness);

    const read = await harness.workflow.nonPersonal(id);

    expect(read).toMatchObject({
      id,
      formKey: 'patient-visit-report',
      institutionId: 'clinic-a',
      regionPath: ['440000', '441900', '441900003'],
      derived: { fever: true },
      values: { temperature: 38.5, referralInstitution: 'DG007', patientDestination: 'referral' },
    });
    for (const personal of ['patientName', 'idNumber', 'phone', 'birthDate', 'currentAddress']) {
      expect(read?.values).not.toHaveProperty(personal);
    }
    expect(await harness.workflow.nonPersonal('no-such-id')).toBeNull();
  });

  it('given a report staff filed, when nobody released it, then the patient with that ID number does not see it', async () => {
    const harness = submissionsHarness();
    harness.patients.add('patient-1', harness.blindIndex.token('idNumber', ID_NUMBER));
    const id = await filedReport(harness);

    expect(await visibleTo(harness, 'patient-1')).not.toContain(id);
  });

  it('given a registered patient with the report ID number, when released, then that patient lists it and another patient does not', async () => {
    const harness = submissionsHarness();
    harness.patients
      .add('patient-1', harness.blindIndex.token('idNumber', ID_NUMBER))
      .add('patient-2', harness.blindIndex.token('idNumber', '11010519491231002X'));
    const id = await filedReport(harness);

    const result = await harness.workflow.releaseToPatients(id, 'instance-1:release');

    expect(result).toEqual({ released: true, patientCount: 1 });
    expect(await visibleTo(harness, 'patient-1')).toEqual([id]);
    expect(await visibleTo(harness, 'patient-2')).toEqual([]);
    const stored = await harness.repository.findAsSystem(id);
    expect(stored).toMatchObject({
      patientIds: ['patient-1'],
      releaseKey: 'instance-1:release',
      revision: 2,
    });
    expect(stored?.releasedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('given a release already made, when the same job is delivered again, then nothing is written and it is audited once', async () => {
    const harness = submissionsHarness();
    harness.patients.add('patient-1', harness.blindIndex.token('idNumber', ID_NUMBER));
    const id = await filedReport(harness);
    await harness.workflow.releaseToPatients(id, 'instance-1:release');

    const again = await harness.workflow.releaseToPatients(id, 'instance-1:release');

    expect(again).toEqual({ released: false, patientCount: 0 });
    const stored = await harness.repository.findAsSystem(id);
    expect(stored).toMatchObject({ patientIds: ['patient-1'], revision: 2 });
    const releases = harness.audit.entries.filter(
      (e) => e.actor === 'system' && e.resourceId === id,
    );
    expect(releases).toEqual([
      expect.objectContaining({
        action: 'update',
        details: {
          formKey: 'patient-visit-report',
          releasedToPatients: 1,
          releaseKey: 'instance-1:release',
        },
      }),
    ]);
  });

  it('given a patient who pre-filled the report, when released, then the patient is listed once', async () => {
    const harness = submissionsHarness();
    harness.patients.add('patient-1', harness.blindIndex.token('idNumber', ID_NUMBER));
    const { response } = await harness.service.create(
      { principal: patientOf('patient-1') },
      command(feverReport(), { institutionId: 'clinic-a' }),
    );
    const id = (response.body as { id: string }).id;

    await harness.workflow.releaseToPatients(id, 'k');

    expect((await harness.repository.findAsSystem(id))?.patientIds).toEqual(['patient-1']);
  });

  it('given no report with the id, when released, then a SubmissionMissingError (a technical failure, retried)', async () => {
    const harness = submissionsHarness();

    await expect(harness.workflow.releaseToPatients('missing', 'k')).rejects.toBeInstanceOf(
      SubmissionMissingError,
    );
  });
});
