import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig } from '../../../config';
import { Clock } from '../../../common/clock';
import { InstitutionDirectory } from '../../institutions';
import { OutboxReader } from '../../outbox';
import { WorkflowSubmissions } from '../../submissions';
import { WorkflowDeployments, WorkflowSeeder } from '../deployments';
import { Notifications, type NotificationInput } from '../notifications';
import {
  MAX_START_ATTEMPTS,
  STARTER_BATCH,
  SubmissionWorkflowStarter,
} from './submission-workflow-starter';
import {
  POLL_MS,
  LEASE_MS,
  TestClock,
  FakeOutbox,
  FakeDeployments,
  deployment,
  event,
  REGIONS,
  SEEDED,
  UNREAD,
  setup,
  PRESCRIPTION_AUDIT,
  FEVER_REFERRAL,
} from './testing/starter-fixtures';

describe('SubmissionWorkflowStarter', () => {
  let warnings: jest.SpyInstance;
  beforeEach(() => {
    warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warnings.mockRestore());

  it('given a reported submission whose form starts a workflow, when a pass runs, then it starts once keyed by the submission and the event is published after the start', async () => {
    const { sut, outbox, runtime, log } = setup([PRESCRIPTION_AUDIT]);
    const accepted = event();
    outbox.add(accepted);

    const pass = await sut.runOnce();

    expect(pass).toEqual({ claimed: 1, started: 1, published: 1, failed: 0 });
    expect(runtime.starts).toEqual([
      {
        workflowKey: 'prescription-audit',
        businessKey: accepted.submissionId,
        variables: {
          submissionId: accepted.submissionId,
          formKey: 'prescription',
          institutionId: 'clinic-a',
        },
        scope: { institutionId: 'clinic-a', regionPath: ['440000', '441900', '441900003'] },
      },
    ]);
    expect(log).toEqual([
      `start prescription-audit/${accepted.submissionId}`,
      `published ${accepted.id}`,
    ]);
    expect(outbox.claims[0]).toMatchObject({
      consumer: 'worker-1',
      limit: STARTER_BATCH,
      leaseMs: LEASE_MS,
    });
  });

  it('given one event and two workflows started by its form, when a pass runs, then each workflow starts once', async () => {
    const second = deployment({ key: 'prescription-statistics', startForm: 'prescription' });
    const other = deployment({ key: 'clue-report', startForm: 'clue-report' });
    const { sut, outbox, runtime } = setup([PRESCRIPTION_AUDIT, second, other]);
    outbox.add(event());

    await sut.runOnce();

    expect(runtime.starts.map((s) => s.workflowKey)).toEqual([
      'prescription-audit',
      'prescription-statistics',
    ]);
  });

  it('given a start condition on a derived value, when reports with and without fever arrive, then only the febrile one starts, with the copied variables and nothing personal', async () => {
    const { sut, outbox, runtime, reads } = setup([FEVER_REFERRAL]);
    const normal = event({ formKey: 'patient-visit-report', derived: { fever: false } });
    const febrile = event({ formKey: 'patient-visit-report', derived: { fever: true } });
    outbox.add(normal);
    outbox.add(febrile);

    const pass = await sut.runOnce();

    expect(pass).toEqual({ claimed: 2, started: 1, published: 2, failed: 0 });
    expect(runtime.starts).toHaveLength(1);
    expect(runtime.starts[0]?.businessKey).toBe(febrile.submissionId);
    expect(runtime.starts[0]?.variables).toEqual({
      referralInstitution: 'DG007',
      // The value read for the workflow has no personal fields: a mapping to one yields null.
      idNumber: null,
      submissionId: febrile.submissionId,
      formKey: 'patient-visit-report',
      institutionId: 'clinic-a',
    });
    expect(reads).toEqual([febrile.submissionId]);
  });

  it('given a workflow routed by a region field, when a report names a known or an unknown region, then the instance belongs to that region or falls back to the filer’s', async () => {
    const { sut, outbox, runtime } = setup([
      deployment({ key: 'clue-known', startForm: 'prescription', scopeRegionField: 'clueRegion' }),
      deployment({
        key: 'clue-unknown',
        startForm: 'prescription',
        scopeRegionField: 'unknownRegion',
      }),
    ]);
    outbox.add(event());

    await sut.runOnce();

    const scopes = Object.fromEntries(runtime.starts.map((s) => [s.workflowKey, s.scope]));
    expect(scopes['clue-known']).toEqual({
      institutionId: 'clinic-a',
      regionPath: ['460000', '460100', '460106'],
    });
    expect(scopes['clue-unknown']).toEqual({
      institutionId: 'clinic-a',
      regionPath: ['440000', '441900', '441900003'],
    });
  });

  it('given a patient pre-fill (pending), when a pass runs, then nothing starts and the event is published', async () => {
    const { sut, outbox, runtime } = setup([PRESCRIPTION_AUDIT]);
    outbox.add(event({ status: 'pending' }));

    expect(await sut.runOnce()).toEqual({ claimed: 1, started: 0, published: 1, failed: 0 });
    expect(runtime.starts).toEqual([]);
    expect(outbox.unpublished()).toEqual([]);
  });

  it('given a runtime failure, when a pass runs, then the event stays unpublished until its lease runs out and the next pass starts it', async () => {
    const { sut, outbox, runtime, clock } = setup([PRESCRIPTION_AUDIT]);
    const accepted = event();
    outbox.add(accepted);
    runtime.failing.add('prescription-audit');

    expect(await sut.runOnce()).toEqual({ claimed: 1, started: 0, published: 0, failed: 1 });
    expect(outbox.unpublished()).toEqual([accepted.id]);
    expect(warnings).toHaveBeenCalledWith(
      `outbox event ${accepted.id} (form prescription, submission ${accepted.submissionId}) ` +
        'not started (attempt 1), retried after its lease: Error: runtime down for prescription-audit',
    );

    runtime.failing.clear();
    expect((await sut.runOnce()).claimed).toBe(0);
    clock.advance(LEASE_MS);
    expect(await sut.runOnce()).toEqual({ claimed: 1, started: 1, published: 1, failed: 0 });
    expect(outbox.unpublished()).toEqual([]);
  });

  it('given a start that keeps failing, when it has been claimed ten times, then it is dead-lettered and the province admins are told once', async () => {
    const notices: NotificationInput[] = [];
    const notifications = {
      publish: (input: NotificationInput) => {
        notices.push(input);
        return Promise.resolve(true);
      },
    } as unknown as Notifications;
    const { sut, outbox, runtime, clock, log } = setup([PRESCRIPTION_AUDIT], { notifications });
    const accepted = event();
    outbox.add(accepted);
    runtime.failing.add('prescription-audit');
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    for (let attempt = 1; attempt < MAX_START_ATTEMPTS; attempt += 1) {
      expect((await sut.runOnce()).failed).toBe(1);
      clock.advance(LEASE_MS);
    }
    expect(outbox.unpublished()).toEqual([accepted.id]);
    expect(notices).toEqual([]);

    await sut.runOnce();
    clock.advance(LEASE_MS);
    expect((await sut.runOnce()).claimed).toBe(0);

    expect(outbox.unpublished()).toEqual([]);
    expect(log).toContain(
      `dead-lettered ${accepted.id}: Error: runtime down for prescription-audit`,
    );
    expect(notices).toEqual([
      expect.objectContaining({
        key: `outbox-dead-letter:${accepted.id}`,
        kind: 'workflow-start-failed',
        audience: { roles: ['province_admin'] },
        businessKey: accepted.submissionId,
      }),
    ]);
  });

  it('given one workflow of two failing, when the event comes back, then the other is started again but still has one instance', async () => {
    const second = deployment({ key: 'prescription-statistics', startForm: 'prescription' });
    const { sut, outbox, runtime, clock } = setup([PRESCRIPTION_AUDIT, second]);
    const accepted = event();
    outbox.add(accepted);
    runtime.failing.add('prescription-statistics');

    await sut.runOnce();
    runtime.failing.clear();
    clock.advance(LEASE_MS);
    await sut.runOnce();

    expect(runtime.starts.map((s) => s.workflowKey)).toEqual([
      'prescription-audit',
      'prescription-audit',
      'prescription-statistics',
    ]);
    expect([...runtime.instances.keys()]).toEqual([
      `prescription-audit/${accepted.submissionId}`,
      `prescription-statistics/${accepted.submissionId}`,
    ]);
  });

  it('given the same submission delivered twice (an update’s second event), when passes run, then one instance exists', async () => {
    const { sut, outbox, runtime } = setup([PRESCRIPTION_AUDIT]);
    const first = event();
    outbox.add(first);
    outbox.add(event({ submissionId: first.submissionId }));

    await sut.runOnce();

    expect(runtime.instances.size).toBe(1);
    expect(outbox.unpublished()).toEqual([]);
  });

  it('given no runtime configured, when Nest builds the starter, then the boot fails naming WorkflowRuntime, so no event is ever claimed with nothing to start it', async () => {
    const outbox = new FakeOutbox([]);
    const building = Test.createTestingModule({
      providers: [
        SubmissionWorkflowStarter,
        { provide: OutboxReader, useValue: outbox },
        { provide: WorkflowDeployments, useValue: new FakeDeployments([PRESCRIPTION_AUDIT]) },
        { provide: WorkflowSubmissions, useValue: {} },
        { provide: AppConfig, useValue: {} },
        { provide: Clock, useValue: new TestClock() },
        { provide: InstitutionDirectory, useValue: REGIONS },
        { provide: WorkflowSeeder, useValue: SEEDED },
        { provide: Notifications, useValue: UNREAD },
      ],
    }).compile();

    await expect(building).rejects.toThrow(/WorkflowRuntime/);
    expect(outbox.claims).toEqual([]);
  });

  it('given the application boots, when the poll interval passes, then a pass runs; after shutdown none does', async () => {
    jest.useFakeTimers();
    try {
      const { sut, outbox } = setup([PRESCRIPTION_AUDIT]);
      sut.onApplicationBootstrap();

      await jest.advanceTimersByTimeAsync(POLL_MS);
      expect(outbox.claims).toHaveLength(1);

      await sut.beforeApplicationShutdown();
      await jest.advanceTimersByTimeAsync(POLL_MS * 3);
      expect(outbox.claims).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('given two passes asked for at once, when they run, then they run one after the other and no event starts twice', async () => {
    const { sut, outbox, runtime } = setup([PRESCRIPTION_AUDIT]);
    outbox.add(event());

    const [first, second] = await Promise.all([sut.runOnce(), sut.runOnce()]);

    expect([first.started, second.started]).toEqual([1, 0]);
    expect(runtime.starts).toHaveLength(1);
  });
});
