import {
  BpmnBusinessError,
  type WorkerContext,
  type WorkerResult,
} from '../../../../src/modules/workflows/runtime/worker-registry';
import { IncidentNotFoundError } from '../../../../src/modules/workflows/runtime/workflow-errors';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { eligibility, referral, reviewLoop } from './operaton-fixtures';
import {
  JOB_LOCK_MS,
  openTask,
  type OperatonHarness,
  SCOPE,
  startOperatonHarness,
  WORKER_ID,
} from './operaton-harness';

const BACKOFF = { initialMs: 1_000, factor: 2, maxMs: 60_000 };
const DAY_MS = 24 * 60 * 60 * 1000;

describe('Operaton runtime: external-task workers, incidents and timers (against the engine-rest double)', () => {
  let database: TestDatabase;
  let harness: OperatonHarness;
  const deliveries: WorkerContext[] = [];
  /** How many deliveries of notify-cdc fail before one succeeds. */
  let notifyFailures = 0;

  const handle =
    (result: (context: WorkerContext) => WorkerResult) =>
    (context: WorkerContext): Promise<WorkerResult> => {
      deliveries.push(context);
      return Promise.resolve(result(context));
    };

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    harness = await startOperatonHarness(database);
    harness.registry.register({
      topic: 'institution-status',
      description: 'sets the clinic status',
      retries: 3,
      backoff: BACKOFF,
      handler: handle(() => ({
        variables: { statusApplied: true, appliedBy: { worker: 'institution-status' } },
      })),
    });
    harness.registry.register({
      topic: 'notify-cdc',
      description: 'tells the district',
      retries: 2,
      backoff: BACKOFF,
      handler: handle((context) => {
        if (notifyFailures >= context.attempt)
          throw new Error(`notification service unavailable (attempt ${context.attempt})`);
        return {};
      }),
    });
    harness.registry.register({
      topic: 'eligibility',
      description: 'checks eligibility',
      retries: 0,
      backoff: BACKOFF,
      handler: handle(() => {
        throw new BpmnBusinessError('NOT_ELIGIBLE', 'clinic not eligible', {
          eligibilityNote: '执业范围不符',
        });
      }),
    });
    for (const definition of [reviewLoop, referral, eligibility]) await harness.deploy(definition);
  });

  afterAll(async () => {
    await harness.close();
    await database.drop();
  });

  beforeEach(() => {
    deliveries.length = 0;
    notifyFailures = 0;
  });

  const start = (workflowKey: string, businessKey: string) =>
    harness.runtime.start({
      workflowKey,
      businessKey,
      variables: { submissionId: businessKey },
      scope: SCOPE,
    });

  it('Given an approved review, When the job runs, Then the handler gets a stable key, the scope and the variables, and its result completes the instance', async () => {
    const started = await start('review-loop', 'w-1');
    await harness.runtime.completeTask({
      instanceId: started.instanceId,
      runtimeTaskId: openTask(started, 'review').runtimeTaskId,
      variables: { decision: 'approve' },
    });

    expect(await harness.runtime.runDueWork()).toBeGreaterThanOrEqual(1);

    const [job] = harness.double.requestsTo('POST', /^\/external-task\/[^/]+\/complete$/);
    const jobId = /^\/external-task\/([^/]+)\/complete$/.exec(job?.path ?? '')?.[1];
    expect(deliveries).toEqual([
      expect.objectContaining({
        topic: 'institution-status',
        instanceId: started.instanceId,
        workflowKey: 'review-loop',
        businessKey: 'w-1',
        activityId: 'setStatus',
        idempotencyKey: `${started.instanceId}:${jobId}`,
        scope: SCOPE,
        attempt: 1,
        variables: { submissionId: 'w-1', decision: 'approve' },
      }),
    ]);
    expect(job?.body).toEqual({
      workerId: WORKER_ID,
      variables: {
        statusApplied: { type: 'boolean', value: true },
        appliedBy: { type: 'json', value: '{"worker":"institution-status"}' },
      },
    });
    const [fetch] = harness.double.requestsTo('POST', /^\/external-task\/fetchAndLock$/);
    expect(fetch?.body).toEqual({
      workerId: WORKER_ID,
      maxTasks: 10,
      usePriority: true,
      topics: expect.arrayContaining([
        { topicName: 'institution-status', lockDuration: JOB_LOCK_MS },
      ]),
    });
    const finished = await harness.runtime.instance(started.instanceId);
    expect(finished).toMatchObject({
      state: 'completed',
      variables: { statusApplied: true, appliedBy: { worker: 'institution-status' } },
    });
    expect(harness.snapshots.at(-1)).toMatchObject({
      instanceId: started.instanceId,
      state: 'completed',
    });
  });

  it('Given a worker that keeps failing, When its retries run out, Then backoff delays each retry, an incident appears, and an admin retry lets it succeed', async () => {
    notifyFailures = 3;
    const started = await start('referral', 'w-2');

    await harness.runtime.runDueWork();
    await harness.runtime.runDueWork(); // still inside the 1 s retry timeout: nothing to fetch
    harness.double.advance(1_000);
    await harness.runtime.runDueWork();
    harness.double.advance(2_000);
    await harness.runtime.runDueWork();

    const failures = harness.double.requestsTo('POST', /\/failure$/).map((request) => request.body);
    expect(failures).toEqual(
      [1, 2, 3].map((delivery, index) => ({
        workerId: WORKER_ID,
        errorMessage: `notification service unavailable (attempt ${delivery})`,
        errorDetails: `Error in worker notify-cdc, delivery ${delivery}`,
        retries: [2, 1, 0][index],
        retryTimeout: [1_000, 2_000, 0][index],
      })),
    );
    const failed = await harness.runtime.instance(started.instanceId);
    expect(failed?.openIncidents).toEqual([
      expect.objectContaining({
        workflowKey: 'referral',
        businessKey: 'w-2',
        activityId: 'notifyCdc',
        topic: 'notify-cdc',
        attempts: 3,
        resolvedAt: null,
        message: 'notification service unavailable (attempt 3)',
      }),
    ]);
    const open = await harness.runtime.incidents({
      open: true,
      workflowKey: 'referral',
      limit: 10,
      offset: 0,
    });
    expect(open.total).toBe(1);
    harness.double.advance(DAY_MS);
    await harness.runtime.runDueWork();
    expect(deliveries).toHaveLength(3); // no retries left: only an admin brings it back

    const retried = await harness.runtime.retryIncident(open.items[0]!.id, 1);
    await harness.runtime.runDueWork();

    expect(retried.resolvedAt).not.toBeNull();
    expect(deliveries.map((d) => d.attempt)).toEqual([1, 2, 3, 4]);
    expect(new Set(deliveries.map((d) => d.idempotencyKey)).size).toBe(1);
    const recovered = await harness.runtime.instance(started.instanceId);
    expect(recovered?.openIncidents).toEqual([]);
    expect(recovered?.openTasks.map((task) => task.elementId)).toEqual(['confirmReferral']);
    const resolved = await harness.runtime.incidents({ open: false, limit: 10, offset: 0 });
    expect(resolved.items.map((incident) => incident.id)).toContain(open.items[0]!.id);
    expect((await harness.runtime.incidents({ open: true, limit: 10, offset: 0 })).total).toBe(0);
    await expect(harness.runtime.retryIncident(open.items[0]!.id, 1)).rejects.toBeInstanceOf(
      IncidentNotFoundError,
    );
  });

  it('Given a business error, When the worker throws it, Then handleBpmnError routes to the error boundary without a retry', async () => {
    const started = await start('eligibility', 'w-3');

    await harness.runtime.runDueWork();

    const [bpmnError] = harness.double.requestsTo('POST', /\/bpmnError$/);
    expect(bpmnError?.body).toEqual({
      errorCode: 'NOT_ELIGIBLE',
      errorMessage: 'clinic not eligible',
      workerId: WORKER_ID,
      variables: { eligibilityNote: { type: 'string', value: '执业范围不符' } },
    });
    const routed = await harness.runtime.instance(started.instanceId);
    expect(routed?.openTasks.map((task) => task.elementId)).toEqual(['manualCheck']);
    expect(routed?.variables['eligibilityNote']).toBe('执业范围不符');
    expect(
      harness.double.requestsTo('POST', /\/failure$/).filter((r) => r.path.includes('w-3')),
    ).toEqual([]);
  });

  it('Given an unconfirmed referral, When Operaton’s timer fires on its own, Then the next poll publishes the escalation', async () => {
    const started = await start('referral', 'w-4');
    await harness.runtime.runDueWork();
    const waiting = await harness.runtime.instance(started.instanceId);
    expect(waiting?.openTasks.map((task) => task.elementId)).toEqual(['confirmReferral']);

    harness.double.advance(DAY_MS);
    const moved = await harness.runtime.runDueWork();

    expect(moved).toBeGreaterThanOrEqual(1);
    const escalated = harness.snapshots
      .filter((snapshot) => snapshot.instanceId === started.instanceId)
      .at(-1);
    expect(escalated?.openTasks.map((task) => task.elementId)).toEqual(['escalatedReview']);
    expect(escalated?.revision).toBe((waiting?.revision ?? 0) + 1);
    expect(await harness.runtime.runDueWork()).toBe(0); // nothing changed since
  });

  it('Given a job of an instance this engine never started, When it is fetched, Then no handler runs and the failure counts toward an incident', async () => {
    const foreign = harness.double.engine.startByKey('referral', 'foreign', new Map());

    await harness.runtime.runDueWork();

    expect(deliveries).toEqual([]);
    const failure = harness.double.requestsTo('POST', /\/failure$/).at(-1);
    expect(failure?.body).toMatchObject({
      retries: 2,
      errorMessage: `process instance ${foreign.id} is not known to this engine`,
    });
  });
});
