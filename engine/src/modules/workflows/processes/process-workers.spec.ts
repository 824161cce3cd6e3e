import type { Dictionary } from '@sentinel/definitions';
import {
  createCommand as command,
  doctorOf,
  FakeInstitutions,
  feverReport,
  submissionsHarness,
} from '../../../../test/medium/submissions/submission-fixtures';
import type { DefinitionRegistry, PublishedDictionary } from '../../registry/definition-registry';
import type { WorkflowSubmissions } from '../../submissions/workflow-submissions';
import { Notifications, type NotificationInput } from '../notifications';
import { BpmnBusinessError, WorkerRegistry, type Variables, type WorkerContext } from '../runtime';
import { ProcessWorkers } from './process-workers';
import { institutionStatusWorker } from './workers/institution-status.worker';
import { notifyCdcWorker } from './workers/notify-cdc.worker';
import { submissionReleaseWorker } from './workers/submission-release.worker';

function context(
  topic: string,
  variables: Variables,
  extra: Partial<WorkerContext> = {},
): WorkerContext {
  return {
    topic,
    instanceId: 'instance-1',
    workflowKey: 'some-workflow',
    businessKey: 'submission-1',
    activityId: 'serviceTask',
    idempotencyKey: 'instance-1:execution-7',
    variables,
    scope: { institutionId: 'clinic-r', regionPath: ['440000', '441900', '441900003'] },
    attempt: 1,
    ...extra,
  };
}

/** Stores one notification per key, as the port promises. */
class FakeNotifications extends Notifications {
  readonly stored = new Map<string, NotificationInput>();
  publish(input: NotificationInput): Promise<boolean> {
    if (this.stored.has(input.key)) return Promise.resolve(false);
    this.stored.set(input.key, input);
    return Promise.resolve(true);
  }
}

function registryWith(dictionary: Dictionary | null): DefinitionRegistry {
  const published =
    dictionary === null ? null : ({ key: dictionary.key, dictionary } as PublishedDictionary);
  return {
    currentDictionary: (key: string) => Promise.resolve(key === 'fever-clinics' ? published : null),
  } as unknown as DefinitionRegistry;
}

const FEVER_CLINICS: Dictionary = {
  kind: 'dictionary',
  key: 'fever-clinics',
  version: 1,
  title: { zh: '发热门诊', en: 'Fever clinics' },
  items: [{ code: 'DG007', label: { zh: '东莞市人民医院', en: "Dongguan People's Hospital" } }],
};

describe('process workers', () => {
  describe('institution-status', () => {
    const setup = (status: 'pending' | 'approved' | 'rejected' | 'suspended' = 'pending') => {
      const institutions = new FakeInstitutions().add('clinic-r', status);
      return { institutions, worker: institutionStatusWorker(institutions) };
    };

    it('given an approve decision, when handled, then the clinic is approved by the system, naming the instance', async () => {
      const { institutions, worker } = setup();

      const result = await worker.handler(context('institution-status', { decision: 'approve' }));

      expect((await institutions.institution('clinic-r'))?.status).toBe('approved');
      expect(institutions.systemChanges).toEqual([
        {
          id: 'clinic-r',
          status: 'approved',
          actor: 'system',
          options: { source: 'workflow:some-workflow:instance-1' },
        },
      ]);
      expect(result).toEqual({ variables: { institutionStatus: 'approved' } });
    });

    it('given a reject decision delivered twice, when handled, then the clinic is rejected once and the second delivery changes nothing', async () => {
      const { institutions, worker } = setup();
      const rejected = context('institution-status', {
        decision: 'reject',
        reason: '执业许可证已过期',
      });

      await worker.handler(rejected);
      await worker.handler({ ...rejected, attempt: 2 });

      expect((await institutions.institution('clinic-r'))?.status).toBe('rejected');
      expect(institutions.systemChanges).toHaveLength(1);
    });

    it('given an approved clinic whose updated documents are rejected, when handled, then it stays approved and nothing changes', async () => {
      const { institutions, worker } = setup('approved');

      const result = await worker.handler(
        context('institution-status', { decision: 'reject', reason: '新证照模糊' }),
      );

      expect((await institutions.institution('clinic-r'))?.status).toBe('approved');
      expect(institutions.systemChanges).toEqual([]);
      expect(result).toEqual({ variables: { institutionStatus: 'approved' } });
    });

    it('given a decision the table refuses or a decision it does not know, when handled, then a plain (retried) error, not a business error', async () => {
      const suspended = setup('suspended');
      const refused = suspended.worker.handler(
        context('institution-status', { decision: 'reject' }),
      );
      await expect(refused).rejects.toThrow('cannot go from suspended to rejected');
      await expect(refused).rejects.not.toBeInstanceOf(BpmnBusinessError);

      const { worker } = setup();
      await expect(
        worker.handler(context('institution-status', { decision: 'return' })),
      ).rejects.toThrow('neither approve nor reject');
      await expect(
        worker.handler(
          context(
            'institution-status',
            { decision: 'approve' },
            {
              scope: { institutionId: null, regionPath: ['440000'] },
            },
          ),
        ),
      ).rejects.toThrow('has no institution');
    });
  });

  describe('submission-release', () => {
    it('given an approved prescription, when released twice with the same job key, then its patient reads it and the release is recorded once', async () => {
      const harness = submissionsHarness();
      const token = harness.blindIndex.token('idNumber', String(feverReport()['idNumber']));
      harness.patients.add('patient-1', token);
      const { response } = await harness.service.create(
        { principal: doctorOf('clinic-a') },
        command(feverReport()),
      );
      const submissionId = (response.body as { id: string }).id;
      const worker = submissionReleaseWorker(harness.workflow);
      const job = context('submission-release', { submissionId }, { businessKey: submissionId });

      await worker.handler(job);
      await worker.handler({ ...job, attempt: 2 });

      const stored = await harness.repository.findById(submissionId, {
        kind: 'patient',
        patientId: 'patient-1',
      });
      expect(stored?.id).toBe(submissionId);
      expect(harness.audit.entries.filter((e) => e.actor === 'system')).toHaveLength(1);
    });

    it('given a submission variable naming another report, when handled, then only the business key is released', async () => {
      const releases: [string, string][] = [];
      const submissions = {
        releaseToPatients: (id: string, key: string) => {
          releases.push([id, key]);
          return Promise.resolve({ released: true, patientCount: 1 });
        },
      } as unknown as WorkflowSubmissions;

      await submissionReleaseWorker(submissions).handler(
        context('submission-release', { submissionId: 'someone-elses-report' }),
      );

      expect(releases).toEqual([['submission-1', 'instance-1:execution-7']]);
    });
  });

  describe('notify-cdc', () => {
    const setup = (dictionary: Dictionary | null = FEVER_CLINICS) => {
      const notifications = new FakeNotifications();
      const institutions = new FakeInstitutions().add('clinic-r');
      const worker = notifyCdcWorker({
        notifications,
        definitions: registryWith(dictionary),
        institutions,
      });
      return { notifications, worker };
    };

    it('given a fever referral to DG007, when handled twice, then one notice reaches the district reviewers of the instance district, naming both clinics and no patient', async () => {
      const { notifications, worker } = setup();
      const job = context('notify-cdc', { referralInstitution: 'DG007', temperature: 38.5 });

      await worker.handler(job);
      await worker.handler({ ...job, attempt: 2 });

      expect([...notifications.stored.values()]).toEqual([
        {
          key: 'instance-1:execution-7',
          kind: 'fever-referral',
          title: {
            zh: '发热患者转诊：东莞市人民医院',
            en: "Fever referral to Dongguan People's Hospital",
          },
          body: {
            zh: expect.stringContaining('诊所 clinic-r报告一名发热患者，已转诊至东莞市人民医院'),
            en: expect.stringContaining("referred to Dongguan People's Hospital"),
          },
          audience: { roles: ['district_reviewer'], regionCode: '441900003' },
          link: '/processes/submission-1/timeline',
          businessKey: 'submission-1',
        },
      ]);
    });

    it('given a code the dictionary lacks or no dictionary, when handled, then the notice names the code', async () => {
      for (const dictionary of [FEVER_CLINICS, null]) {
        const { notifications, worker } = setup(dictionary);
        await worker.handler(context('notify-cdc', { referralInstitution: 'DG999' }));
        expect([...notifications.stored.values()][0]?.title.zh).toBe('发热患者转诊：DG999');
      }
    });

    it('given an instance without a region, when handled, then a plain error (retried, then an incident)', async () => {
      const { worker } = setup();
      await expect(
        worker.handler(
          context('notify-cdc', {}, { scope: { institutionId: null, regionPath: [] } }),
        ),
      ).rejects.toThrow('has no region');
    });
  });

  it('given the module initialises, when the workers register, then the three topics are known with their retry policies', () => {
    const registry = new WorkerRegistry();
    const workers = new ProcessWorkers(
      registry,
      new FakeInstitutions(),
      {} as WorkflowSubmissions,
      new FakeNotifications(),
      registryWith(null),
    );

    workers.onModuleInit();

    expect(registry.topics()).toEqual(['institution-status', 'notify-cdc', 'submission-release']);
    expect(registry.get('institution-status')?.retries).toBe(5);
    expect(registry.get('submission-release')?.retries).toBe(5);
    expect(registry.get('notify-cdc')?.retries).toBe(3);
  });
});
