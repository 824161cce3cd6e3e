import { Types } from 'mongoose';
import type { WorkflowDefinition } from '@sentinel/definitions';
import type { AppConfig } from '../../../../src/config';
import { SystemClock } from '../../../../src/common/clock';
import { WorkflowDeployments } from '../../../../src/modules/workflows/deployments/workflow-deployments';
import type { WorkflowSeeder } from '../../../../src/modules/workflows/deployments/workflow-seeder';
import { SubmissionWorkflowStarter } from '../../../../src/modules/workflows/processes/submission-workflow-starter';
import { submissionReleaseWorker } from '../../../../src/modules/workflows/processes/workers/submission-release.worker';
import type {
  InstanceSnapshot,
  StartInstanceCommand,
  WorkflowDeployment,
} from '../../../../src/modules/workflows/runtime/runtime.types';
import type { WorkflowRuntime } from '../../../../src/modules/workflows/runtime/workflow-runtime';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import {
  createCommand as command,
  doctorOf,
  feverReport,
  normalReport,
  principal,
} from '../../submissions/submission-fixtures';
import { startSubmissions, type SubmissionsInstance } from '../../submissions/submissions-harness';
import { RecordingNotifications } from '../tasks/task-fixtures';

const doctor = doctorOf('clinic-a');
const PATIENT_ID = String(feverReport()['idNumber']);
const FAMILY_MEMBER_ID = '11010519491231002X';

const idOf = (outcome: { response: { body: unknown } }) =>
  (outcome.response.body as { id: string }).id;

/** Only what the starter reads of the deployments port. */
class OneWorkflow extends WorkflowDeployments {
  constructor(private readonly deployment: WorkflowDeployment) {
    super();
  }
  startedByForm(formKey: string): Promise<readonly WorkflowDeployment[]> {
    return Promise.resolve(
      this.deployment.definition.startForm === formKey ? [this.deployment] : [],
    );
  }
  save(): never {
    throw new Error('not used');
  }
  latest(): never {
    throw new Error('not used');
  }
  version(): never {
    throw new Error('not used');
  }
  list(): never {
    throw new Error('not used');
  }
}

const FEVER_REFERRAL: WorkflowDefinition = {
  kind: 'workflow',
  key: 'fever-referral',
  version: 1,
  title: { zh: '发热转诊', en: 'Fever referral' },
  bpmn: '<definitions/>',
  startForm: 'patient-visit-report',
  startWhenDerived: 'fever',
  startVariables: { referralInstitution: 'referralInstitution' },
  userTasks: [],
  jurisdiction: 'district',
};

describe('processes against the store: outbox starts and release to patients', () => {
  let database: TestDatabase;
  let sut: SubmissionsInstance;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    sut = await startSubmissions(database, { patients: 'store' });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  /** A registered patient as the identity module stores one: tokens only, no ID number in clear. */
  async function registeredPatient(idNumber: string, memberIdNumbers: string[] = []) {
    const _id = new Types.ObjectId();
    const token = (value: string) => sut.blindIndex.token('idNumber', value);
    await database.connection.collection('patients').insertOne({
      _id,
      userId: `user-${_id.toHexString()}`,
      values: {},
      familyMemberIds: memberIdNumbers.map((_, i) => `m${i}`),
      idNumberIndex: token(idNumber),
      phoneIndex: 'p',
      nameIndex: 'n',
      memberIdNumberIndexes: memberIdNumbers.map(token),
      memberPhoneIndexes: [],
      memberNameIndexes: [],
      patientIds: [_id.toHexString()],
      revision: 0,
      formVersion: 1,
    });
    return _id.toHexString();
  }

  const listedFor = async (patientId: string) =>
    (
      await sut.reader.list(
        { principal: principal(['patient'], { userId: `u-${patientId}`, patientId }) },
        { statuses: ['pending', 'reported'], page: 1, pageSize: 50, unmask: false },
      )
    ).items.map((item) => item.id);

  it('given a report for a registered patient and a family member, when the release worker runs twice, then both records list it, nobody else does, and the release is stored once', async () => {
    const owner = await registeredPatient(PATIENT_ID);
    const family = await registeredPatient('44190019800101011X', [FAMILY_MEMBER_ID]);
    const stranger = await registeredPatient('440100199001011234');
    const forOwner = idOf(await sut.service.create({ principal: doctor }, command(feverReport())));
    const forMember = idOf(
      await sut.service.create(
        { principal: doctor },
        command(feverReport({ idNumber: FAMILY_MEMBER_ID, birthDate: '1949-12-31', gender: '2' })),
      ),
    );
    expect(await listedFor(owner)).not.toContain(forOwner);

    const worker = submissionReleaseWorker(sut.workflow);
    for (const [submissionId, attempt] of [
      [forOwner, 1],
      [forOwner, 2],
      [forMember, 1],
    ] as const) {
      await worker.handler({
        topic: 'submission-release',
        instanceId: `instance-${submissionId}`,
        workflowKey: 'prescription-audit',
        businessKey: submissionId,
        activityId: 'releaseToPatient',
        idempotencyKey: `instance-${submissionId}:release`,
        variables: { submissionId },
        scope: { institutionId: 'clinic-a', regionPath: ['440000', '441900', '441900003'] },
        attempt,
      });
    }

    expect(await listedFor(owner)).toEqual([forOwner]);
    expect(await listedFor(family)).toEqual([forMember]);
    expect(await listedFor(stranger)).toEqual([]);
    const raw = await sut.collection('submissions').findOne({ _id: forOwner } as never);
    expect(raw).toMatchObject({
      patientIds: [owner],
      releaseKey: `instance-${forOwner}:release`,
      revision: 2,
    });
    expect(raw?.['releasedAt']).toBeInstanceOf(Date);
    expect(
      sut.audit.entries.filter((e) => e.actor === 'system' && e.resourceId === forOwner),
    ).toHaveLength(1);
  });

  it('given reported visit reports in the outbox, when the starter passes twice, then only the febrile one starts, once, with its referral clinic, and every event is published', async () => {
    const starts: StartInstanceCommand[] = [];
    const runtime = {
      start: (c: StartInstanceCommand) => {
        starts.push(c);
        return Promise.resolve({} as InstanceSnapshot);
      },
    } as unknown as WorkflowRuntime;
    const deployment: WorkflowDeployment = {
      key: FEVER_REFERRAL.key,
      version: 1,
      processId: 'feverReferral',
      definition: FEVER_REFERRAL,
      checksum: 'c',
      deployedAt: new Date(),
      deployedBy: 'test',
    };
    const config = {
      workflows: { workerId: 'medium-worker', pollMs: 1000, jobLockMs: 60_000 },
    } as unknown as AppConfig;
    const starter = new SubmissionWorkflowStarter(
      sut.outbox,
      new OneWorkflow(deployment),
      sut.workflow,
      config,
      new SystemClock(),
      sut.institutions,
      runtime,
      { settled: Promise.resolve() } as unknown as WorkflowSeeder,
      new RecordingNotifications(),
    );
    // Events of the earlier test are in the outbox too: drain them first.
    await starter.runOnce();
    starts.length = 0;
    const febrile = idOf(await sut.service.create({ principal: doctor }, command(feverReport())));
    await sut.service.create({ principal: doctor }, command(normalReport()));

    const first = await starter.runOnce();
    const second = await starter.runOnce();

    expect(first).toMatchObject({ claimed: 2, started: 1, published: 2, failed: 0 });
    expect(second.claimed).toBe(0);
    expect(starts).toEqual([
      {
        workflowKey: 'fever-referral',
        businessKey: febrile,
        variables: {
          referralInstitution: 'DG007',
          submissionId: febrile,
          formKey: 'patient-visit-report',
          institutionId: 'clinic-a',
        },
        scope: { institutionId: 'clinic-a', regionPath: ['440000', '441900', '441900003'] },
      },
    ]);
    expect(await sut.collection('outbox').countDocuments({ publishedAt: null })).toBe(0);
  });
});
