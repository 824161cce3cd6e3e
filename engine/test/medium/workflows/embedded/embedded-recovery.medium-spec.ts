import {
  REDELIVERIES_PER_PASS,
  REDELIVERY_GRACE_MS,
} from '../../../../src/modules/workflows/embedded/embedded-background';
import { IncidentStore } from '../../../../src/modules/workflows/embedded/incident-store';
import { InstanceCommands } from '../../../../src/modules/workflows/embedded/instance-commands';
import type { WorkerResult } from '../../../../src/modules/workflows/runtime/worker-registry';
import { IncidentNotFoundError } from '../../../../src/modules/workflows/runtime/workflow-errors';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { fixtureWorkflow, startEmbeddedRig, worker, type EmbeddedRig } from './embedded-harness';

/**
 * What the background pass does with work a crash or a failure left half done: jobs parked on an
 * incident that is already resolved, outcomes that cannot be applied, outcomes that keep failing.
 */
describe('embedded runtime: incidents and outcomes the background pass repairs', () => {
  let database: TestDatabase;
  let rig: EmbeddedRig;
  /** The handler's next results, in order; it fails when none is left. */
  const script: (() => Promise<WorkerResult>)[] = [];
  const jobs = () =>
    database.connection.collection<{ _id: string; [field: string]: unknown }>('workflow_jobs');
  const incidents = () =>
    database.connection.collection<{ _id: string; [field: string]: unknown }>('workflow_incidents');

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    rig = await startEmbeddedRig(database);
    rig.registry.register(
      worker('test-topic', () => (script.shift() ?? (() => Promise.reject(new Error('down'))))()),
    );
    await rig.deploy(fixtureWorkflow('external', 'external.bpmn'));
  });

  afterEach(() => {
    jest.restoreAllMocks();
    script.length = 0;
  });

  afterAll(async () => {
    await rig.close();
    await database.drop();
  });

  /** Starts an instance whose only delivery fails (no retries): its job is parked on an incident. */
  async function parkedOnIncident(businessKey: string) {
    const started = await rig.start('external', businessKey);
    await rig.sut.runDueWork();
    const job = await jobs().findOne({ instanceId: started.instanceId });
    expect(job).toMatchObject({ status: 'incident' });
    return {
      instanceId: started.instanceId,
      jobId: job!._id,
      incidentId: String(job!['incidentId']),
    };
  }

  it('given a job still parked on an incident that was resolved (a retry cut short by a crash), when the background pass runs, then the job is reopened and runs', async () => {
    const parked = await parkedOnIncident('resolved-first');
    await incidents().updateOne(
      { _id: parked.incidentId },
      { $set: { resolvedAt: rig.clock.now() } },
    );
    script.push(() => Promise.resolve({ variables: { notified: 'after repair' } }));

    await rig.sut.runDueWork();

    expect(await rig.sut.instance(parked.instanceId)).toMatchObject({
      state: 'completed',
      openIncidents: [],
      variables: { notified: 'after repair' },
    });
    expect(await jobs().findOne({ _id: parked.jobId })).toMatchObject({
      status: 'done',
      attempts: 2,
    });
  });

  it('given a retry cut short after the job was reopened, when the job runs and the admin retries again, then the incident is resolved and nothing runs twice', async () => {
    const parked = await parkedOnIncident('reopened-first');
    jest
      .spyOn(rig.get(IncidentStore), 'resolve')
      .mockRejectedValueOnce(new Error('crash before the incident was resolved'));
    await expect(rig.sut.retryIncident(parked.incidentId, 3)).rejects.toThrow('crash');
    expect(await jobs().findOne({ _id: parked.jobId })).toMatchObject({
      status: 'ready',
      incidentId: null,
      retryBudget: 3,
    });
    script.push(() => Promise.resolve({ variables: { notified: 'yes' } }));

    await rig.sut.runDueWork();
    const resolved = await rig.sut.retryIncident(parked.incidentId, 3);

    expect(resolved).toMatchObject({ id: parked.incidentId, resolvedAt: expect.any(String) });
    expect(await rig.sut.instance(parked.instanceId)).toMatchObject({
      state: 'completed',
      openIncidents: [],
    });
    expect(await jobs().findOne({ _id: parked.jobId })).toMatchObject({
      status: 'done',
      attempts: 2,
    });
  });

  it('given two retries of one incident at once, when both run, then one succeeds, the other finds it resolved, and the job is reopened once', async () => {
    const parked = await parkedOnIncident('double-retry');

    const results = await Promise.allSettled([
      rig.sut.retryIncident(parked.incidentId, 2),
      rig.sut.retryIncident(parked.incidentId, 5),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected.map((r) => r.reason)).toEqual([expect.any(IncidentNotFoundError)]);
    expect(await jobs().findOne({ _id: parked.jobId })).toMatchObject({
      status: 'ready',
      failures: 0,
      incidentId: null,
    });
  });

  it('given a stored outcome the process cannot take, when the re-delivery pass meets it, then it becomes an incident instead of being retried every pass', async () => {
    const started = await rig.start('external', 'unapplicable');
    const job = await jobs().findOne({ instanceId: started.instanceId });
    // No boundary catches this code: the process stops on an error when the outcome is applied.
    await jobs().updateOne(
      { _id: job!._id },
      {
        $set: {
          status: 'done',
          applied: false,
          outcome: { kind: 'bpmnError', errorCode: 'UNCAUGHT', message: 'no', variables: {} },
          updatedAt: rig.clock.now(),
        },
      },
    );
    rig.clock.advance(REDELIVERY_GRACE_MS);

    await rig.sut.runDueWork();

    const stored = await jobs().findOne({ _id: job!._id });
    expect(stored).toMatchObject({ status: 'incident', applied: true });
    const sut = await rig.sut.instance(started.instanceId);
    expect(sut?.state).toBe('running');
    expect(sut?.openIncidents).toEqual([
      expect.objectContaining({
        id: stored!['incidentId'],
        message: expect.stringMatching(/^the process could not continue: /),
      }),
    ]);
  });

  it('given more outcomes failing to apply than a pass takes, when passes run, then each is put off with a growing backoff and a later outcome is still applied', async () => {
    const started = await rig.start('external', 'behind-the-stuck');
    const job = await jobs().findOne({ instanceId: started.instanceId });
    const now = rig.clock.now();
    const doneEarlier = { status: 'done', applied: false, updatedAt: now };
    await jobs().updateOne(
      { _id: job!._id },
      { $set: { ...doneEarlier, outcome: { kind: 'success', variables: { late: 'applied' } } } },
    );
    const stuck = Array.from({ length: REDELIVERIES_PER_PASS }, (_, i) => ({
      ...job!,
      _id: `stuck-${i}`,
      instanceId: `stuck-instance-${i}`,
      ...doneEarlier,
      outcome: { kind: 'success', variables: {} },
      // Done and due earlier than the real job: every pass takes them first.
      nextRunAt: new Date(now.getTime() - 3_600_000),
      updatedAt: new Date(now.getTime() - 3_600_000),
    }));
    await jobs().insertMany(stuck);
    const commands = rig.get(InstanceCommands);
    const apply = commands.applyJobOutcome.bind(commands);
    const attempted: string[] = [];
    jest.spyOn(commands, 'applyJobOutcome').mockImplementation((jobId, ...rest) => {
      attempted.push(jobId);
      if (jobId.startsWith('stuck-')) return Promise.reject(new Error('store hiccup'));
      return apply(jobId, ...rest);
    });
    rig.clock.advance(REDELIVERY_GRACE_MS);

    await rig.sut.runDueWork();
    expect(attempted).toHaveLength(REDELIVERIES_PER_PASS);
    expect(attempted).not.toContain(job!._id);
    await rig.sut.runDueWork();

    expect(attempted.slice(REDELIVERIES_PER_PASS)).toEqual([job!._id]);
    expect(await rig.sut.instance(started.instanceId)).toMatchObject({
      state: 'completed',
      variables: { late: 'applied' },
    });
    const firstDelay = new Date(rig.clock.now().getTime() + REDELIVERY_GRACE_MS);
    expect(await jobs().findOne({ _id: 'stuck-0' })).toMatchObject({
      applyFailures: 1,
      applied: false,
      lastError: 'Error: store hiccup',
      nextRunAt: firstDelay,
    });
    rig.clock.advance(REDELIVERY_GRACE_MS);
    await rig.sut.runDueWork();
    expect(attempted).toHaveLength(2 * REDELIVERIES_PER_PASS + 1);
    expect(await jobs().findOne({ _id: 'stuck-0' })).toMatchObject({
      applyFailures: 2,
      nextRunAt: new Date(rig.clock.now().getTime() + 2 * REDELIVERY_GRACE_MS),
    });
  });
});
