import {
  BpmnBusinessError,
  type WorkerContext,
  type WorkerResult,
} from '../../../../src/modules/workflows/runtime/worker-registry';
import type { InstanceSnapshot } from '../../../../src/modules/workflows/runtime/runtime.types';
import { IncidentNotFoundError } from '../../../../src/modules/workflows/runtime/workflow-errors';
import { ManualClock } from '../../../support/auth-helpers';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { InMemoryDeployments } from './in-memory-deployments';
import {
  fixtureWorkflow,
  JOB_LOCK_MS,
  startEmbeddedRig,
  worker,
  type EmbeddedRig,
} from './embedded-harness';

/** What the test handler does next: scripted per call, recorded. */
class ScriptedHandler {
  readonly calls: WorkerContext[] = [];
  private readonly script: ((context: WorkerContext) => Promise<WorkerResult>)[] = [];

  then(step: (context: WorkerContext) => Promise<WorkerResult>): this {
    this.script.push(step);
    return this;
  }

  readonly handle = (context: WorkerContext): Promise<WorkerResult> => {
    this.calls.push(context);
    const step = this.script.shift();
    if (step === undefined) throw new Error('handler called more often than scripted');
    return step(context);
  };
}

const succeed = (variables: Record<string, string>) => () => Promise.resolve({ variables });
const failWith = (message: string) => () => Promise.reject(new Error(message));

describe('embedded runtime: external tasks as jobs', () => {
  let database: TestDatabase;
  let rig: EmbeddedRig;
  let handler: ScriptedHandler;
  const jobs = () => database.connection.collection('workflow_jobs');

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    rig = await startEmbeddedRig(database);
    rig.registry.register(
      worker('test-topic', (context) => handler.handle(context), { retries: 2 }),
    );
    await rig.deploy(fixtureWorkflow('external', 'external.bpmn'));
  });

  beforeEach(() => {
    handler = new ScriptedHandler();
  });

  afterAll(async () => {
    await rig.close();
    await database.drop();
  });

  it('given an instance parked at an external task, when the job runs and succeeds, then its variables are merged and the instance ends', async () => {
    handler.then(succeed({ notified: 'yes' }));
    const started = await rig.start('external', 'case-1', { district: '441900005' });
    expect(started.state).toBe('running');
    const [job] = await jobs().find({ instanceId: started.instanceId }).toArray();
    expect(job).toMatchObject({ status: 'ready', topic: 'test-topic', activityId: 'callOut' });

    const moved = await rig.sut.runDueWork();

    expect(moved).toBeGreaterThanOrEqual(1);
    expect(handler.calls).toEqual([
      expect.objectContaining({
        topic: 'test-topic',
        idempotencyKey: job!._id,
        attempt: 1,
        activityId: 'callOut',
        variables: { district: '441900005' },
        scope: expect.objectContaining({ institutionId: 'clinic-a' }),
      }),
    ]);
    expect(await rig.sut.instance(started.instanceId)).toMatchObject({
      state: 'completed',
      variables: { district: '441900005', notified: 'yes' },
    });
    expect(await jobs().findOne({ _id: job!._id })).toMatchObject({
      status: 'done',
      applied: true,
    });
  });

  it('given a handler that keeps failing, when the retries run out, then an incident opens and a retry by an admin completes the job', async () => {
    handler
      .then(failWith('SMS gateway down'))
      .then(failWith('SMS gateway down'))
      .then(failWith('still down'));
    const started = await rig.start('external', 'case-2');
    const jobId = (await jobs().findOne({ instanceId: started.instanceId }))!._id;

    await rig.sut.runDueWork();
    expect(await jobs().findOne({ _id: jobId })).toMatchObject({
      status: 'ready',
      failures: 1,
      retriesLeft: 2,
    });
    await rig.sut.runDueWork(new Date(rig.clock.now().getTime() + 999));
    expect(handler.calls).toHaveLength(1); // backoff: not due before 1 s
    rig.clock.advance(1000);
    await rig.sut.runDueWork();
    expect(await jobs().findOne({ _id: jobId })).toMatchObject({
      status: 'ready',
      failures: 2,
      retriesLeft: 1,
    });
    rig.clock.advance(2000); // the second delay doubles
    await rig.sut.runDueWork();

    const incidents = await rig.sut.incidents({ open: true, limit: 10, offset: 0 });
    expect(incidents.total).toBe(1);
    const [incident] = incidents.items;
    expect(incident).toMatchObject({
      instanceId: started.instanceId,
      activityId: 'callOut',
      topic: 'test-topic',
      message: 'Error: still down',
      attempts: 3,
      resolvedAt: null,
    });
    expect((await rig.sut.instance(started.instanceId))?.openIncidents).toEqual([incident]);

    handler.then(succeed({ notified: 'late' }));
    const resolved = await rig.sut.retryIncident(incident!.id, 1);
    expect(resolved.resolvedAt).not.toBeNull();
    await rig.sut.runDueWork();

    expect(handler.calls.map((c) => [c.idempotencyKey, c.attempt])).toEqual([
      [jobId, 1],
      [jobId, 2],
      [jobId, 3],
      [jobId, 4],
    ]);
    expect(await rig.sut.instance(started.instanceId)).toMatchObject({
      state: 'completed',
      openIncidents: [],
      variables: { notified: 'late' },
    });
    expect((await rig.sut.incidents({ open: true, limit: 10, offset: 0 })).total).toBe(0);
    await expect(rig.sut.retryIncident(incident!.id, 1)).rejects.toBeInstanceOf(
      IncidentNotFoundError,
    );
  });

  it('given a handler raising a BPMN error with a caught code, when the job runs, then the error boundary takes over with its variables', async () => {
    handler.then(() =>
      Promise.reject(new BpmnBusinessError('NOT_FOUND', 'no such clinic', { missing: 'DG007' })),
    );
    const started = await rig.start('external', 'case-3');

    await rig.sut.runDueWork();

    const sut = await rig.sut.instance(started.instanceId);
    expect(sut?.state).toBe('running');
    expect(sut?.variables).toEqual({ missing: 'DG007' });
    expect(sut?.openTasks.map((t) => t.elementId)).toEqual(['handleNotFound']);
    expect(sut?.openIncidents).toEqual([]);
  });

  it('given a handler raising a BPMN error no boundary catches, when the job runs, then it becomes an incident', async () => {
    handler.then(() => Promise.reject(new BpmnBusinessError('OTHER', 'unexpected')));
    const started = await rig.start('external', 'case-4');

    await rig.sut.runDueWork();

    const sut = await rig.sut.instance(started.instanceId);
    expect(sut?.state).toBe('running');
    expect(sut?.openIncidents).toEqual([
      expect.objectContaining({ message: 'BPMN error "OTHER" is not caught: unexpected' }),
    ]);
    expect(handler.calls).toHaveLength(1); // business errors are not retried
  });

  it('given a topic nobody serves at run time, when its job is due, then it becomes an incident', async () => {
    await rig.deploy(
      fixtureWorkflow('orphan', 'external.bpmn', {
        bpmn: fixtureWorkflow('x', 'external.bpmn').bpmn.replace(
          'test-topic',
          'nobody-serves-this',
        ),
      }),
    );
    const started = await rig.start('orphan', 'case-5');

    await rig.sut.runDueWork();

    expect((await rig.sut.instance(started.instanceId))?.openIncidents).toEqual([
      expect.objectContaining({
        topic: 'nobody-serves-this',
        message: 'no worker is registered for topic "nobody-serves-this"',
      }),
    ]);
  });
});

describe('embedded runtime: a job whose worker died is taken over', () => {
  let database: TestDatabase;
  let clock: ManualClock;
  let workerA: EmbeddedRig;
  let workerB: EmbeddedRig;
  /** The handlers' side effect: an upsert keyed on the idempotency key. */
  const effects = new Map<string, string>();
  const deliveries: WorkerContext[] = [];
  let releaseA: () => void = () => undefined;
  let aEntered: Promise<void>;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    clock = new ManualClock();
    const deployments = new InMemoryDeployments();
    workerA = await startEmbeddedRig(database, { clock, deployments, workerId: 'worker-a' });
    workerB = await startEmbeddedRig(database, { clock, deployments, workerId: 'worker-b' });
    let entered: () => void = () => undefined;
    aEntered = new Promise<void>((resolve) => (entered = resolve));
    workerA.registry.register(
      worker('test-topic', async (context) => {
        deliveries.push(context);
        entered();
        await new Promise<void>((resolve) => (releaseA = resolve)); // hangs like a dying worker
        effects.set(context.idempotencyKey, 'a');
        return { variables: { by: 'a' } };
      }),
    );
    workerB.registry.register(
      worker('test-topic', async (context) => {
        deliveries.push(context);
        effects.set(context.idempotencyKey, 'b');
        return { variables: { by: 'b' } };
      }),
    );
    await workerA.deploy(fixtureWorkflow('external', 'external.bpmn'));
  });

  afterAll(async () => {
    releaseA();
    await workerA.close();
    await workerB.close();
    await database.drop();
  });

  it('given worker A holding a job past its lock, when worker B polls, then B runs the handler again with the same idempotency key and A cannot apply its late result', async () => {
    const started = await workerA.start('external', 'case-takeover');
    const passA = workerA.sut.runDueWork();
    await aEntered;

    expect(await workerB.sut.runDueWork()).toBe(0); // A's lock still holds
    clock.advance(JOB_LOCK_MS + 1);
    await workerB.sut.runDueWork();
    const afterB = await workerB.sut.instance(started.instanceId);
    releaseA();
    await passA;

    expect(deliveries.map((d) => d.attempt)).toEqual([1, 2]);
    expect(deliveries[1]!.idempotencyKey).toBe(deliveries[0]!.idempotencyKey);
    expect(afterB).toMatchObject({ state: 'completed', variables: { by: 'b' } });
    expect(await workerA.sut.instance(started.instanceId)).toEqual(afterB);
    expect(effects.size).toBe(1); // two deliveries, one keyed effect
    expect(await database.connection.collection('workflow_jobs').findOne({})).toMatchObject({
      status: 'done',
      attempts: 2,
      outcome: { kind: 'success', variables: { by: 'b' } },
    });
  });
});

describe('embedded runtime: the job fast path while the background runs', () => {
  let database: TestDatabase;
  let rig: EmbeddedRig;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    // A poll interval no test outlives: only the fast path can run the job.
    rig = await startEmbeddedRig(database, { pollMs: 3_600_000 });
    rig.registry.register(
      worker('test-topic', (context) =>
        Promise.resolve({ variables: { attempt: context.attempt } }),
      ),
    );
    await rig.deploy(fixtureWorkflow('external', 'external.bpmn'));
  });

  afterAll(async () => {
    await rig.close();
    await database.drop();
  });

  it('given the background started, when an instance reaches an external task, then its handler runs at once and the instance ends without a poll', async () => {
    const completed = new Promise<InstanceSnapshot>((resolve) =>
      rig.sut.onInstanceChanged(async (snapshot) => {
        if (snapshot.state === 'completed') resolve(snapshot);
      }),
    );
    await rig.sut.startBackground();

    const started = await rig.start('external', 'fast-1');
    const sut = await completed;

    expect(started.state).toBe('running');
    expect(sut).toMatchObject({
      instanceId: started.instanceId,
      revision: 2,
      variables: { attempt: 1 },
    });
    await rig.sut.stopBackground();
    expect(await database.connection.collection('workflow_jobs').findOne({})).toMatchObject({
      status: 'done',
      attempts: 1,
      applied: true,
      lockedBy: null,
    });
  });
});
