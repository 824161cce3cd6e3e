import { SnapshotDelivery } from '../../../../src/modules/workflows/embedded/snapshot-delivery';
import { REDELIVERY_GRACE_MS } from '../../../../src/modules/workflows/embedded/embedded-background';
import type { InstanceSnapshot } from '../../../../src/modules/workflows/runtime/runtime.types';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import {
  fixtureWorkflow,
  startEmbeddedRig,
  taskOf,
  worker,
  type EmbeddedRig,
} from './embedded-harness';

describe('embedded runtime: what is stored, and listeners after a lost delivery', () => {
  let database: TestDatabase;
  let rig: EmbeddedRig;
  const seen: InstanceSnapshot[] = [];
  let failNext = 0;
  const statusCalls: string[] = [];
  const instances = () => database.connection.collection('workflow_instances');

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    rig = await startEmbeddedRig(database);
    rig.registry.register(
      worker('institution-status', (context) => {
        statusCalls.push(context.idempotencyKey);
        return Promise.resolve({});
      }),
    );
    rig.sut.onInstanceChanged(async (snapshot) => {
      if (failNext > 0) {
        failNext -= 1;
        throw new Error('projection store unavailable');
      }
      seen.push(snapshot);
    });
    await rig.deploy(fixtureWorkflow('approval', 'approval.bpmn'));
  });

  afterAll(async () => {
    await rig.close();
    await database.drop();
  });

  it('given a parked instance, when it is stored, then its engine state is lean: no model, no XML', async () => {
    const started = await rig.start('approval', 'lean-1');

    const stored = await instances().findOne({ _id: started.instanceId as never });
    const engineState = String(stored?.['engineState']);
    expect(engineState.length).toBeLessThan(12_000);
    expect(engineState).not.toMatch(/<\?xml|bpmn:definitions|"source"/);
    expect(JSON.parse(engineState)).toMatchObject({
      definitions: [expect.objectContaining({ id: 'approvalDefinitions' })],
    });
    expect(JSON.stringify(stored).length).toBeLessThan(15_000);
  });

  it('given an ended instance, when it is stored, then no engine state is kept', async () => {
    const started = await rig.start('approval', 'lean-2');

    await rig.sut.completeTask({
      instanceId: started.instanceId,
      runtimeTaskId: taskOf(started, 'districtReview').runtimeTaskId,
      variables: { decision: 'reject' },
    });

    expect(await instances().findOne({ _id: started.instanceId as never })).toMatchObject({
      state: 'completed',
      engineState: null,
    });
  });

  it('given listeners, when an instance changes, then each revision is delivered in order and recorded as projected', async () => {
    const started = await rig.start('approval', 'listen-1');
    await rig.sut.completeTask({
      instanceId: started.instanceId,
      runtimeTaskId: taskOf(started, 'districtReview').runtimeTaskId,
      variables: { decision: 'approve' },
    });
    await rig.sut.runDueWork();

    const revisions = seen
      .filter((s) => s.instanceId === started.instanceId)
      .map((s) => [s.revision, s.state]);
    expect(revisions).toEqual([
      [1, 'running'],
      [2, 'running'],
      [3, 'completed'],
    ]);
    expect(await instances().findOne({ _id: started.instanceId as never })).toMatchObject({
      projectedRevision: 3,
      projectionPending: false,
    });
  });

  it('given a listener that failed after a save, when the background pass runs after the grace period, then the snapshot is delivered again', async () => {
    failNext = 1;
    const started = await rig.start('approval', 'listen-2');
    expect(seen.some((s) => s.instanceId === started.instanceId)).toBe(false);
    expect(await instances().findOne({ _id: started.instanceId as never })).toMatchObject({
      revision: 1,
      projectedRevision: 0,
      projectionPending: true,
    });

    await rig.sut.runDueWork();
    expect(seen.some((s) => s.instanceId === started.instanceId)).toBe(false); // still within the grace
    rig.clock.advance(REDELIVERY_GRACE_MS);
    await rig.sut.runDueWork();

    expect(seen.filter((s) => s.instanceId === started.instanceId).map((s) => s.revision)).toEqual([
      1,
    ]);
    expect(await instances().findOne({ _id: started.instanceId as never })).toMatchObject({
      projectedRevision: 1,
      projectionPending: false,
    });
  });

  it('given a crash after a save and before its job was created, when the background pass runs, then the job is created and runs', async () => {
    const started = await rig.start('approval', 'crash-1');
    await rig.sut.completeTask({
      instanceId: started.instanceId,
      runtimeTaskId: taskOf(started, 'districtReview').runtimeTaskId,
      variables: { decision: 'approve' },
    });
    await rig.get(SnapshotDelivery).settle(); // this save's own follow-up is all written
    // What a crash between the save and its follow-up leaves: the instance waits, no job exists.
    const jobs = database.connection.collection('workflow_jobs');
    await jobs.deleteMany({ instanceId: started.instanceId });
    await instances().updateOne(
      { _id: started.instanceId as never },
      { $set: { projectionPending: true } },
    );

    rig.clock.advance(REDELIVERY_GRACE_MS);
    await rig.sut.runDueWork();
    await rig.sut.runDueWork();

    expect(await rig.sut.instance(started.instanceId)).toMatchObject({ state: 'completed' });
  });

  it('given a crash after the handler stored its result and before the instance was saved, when the background pass runs, then the result is applied without running the handler again', async () => {
    const started = await rig.start('approval', 'crash-2');
    await rig.sut.completeTask({
      instanceId: started.instanceId,
      runtimeTaskId: taskOf(started, 'districtReview').runtimeTaskId,
      variables: { decision: 'approve' },
    });
    const jobs = database.connection.collection('workflow_jobs');
    const job = await jobs.findOne({ instanceId: started.instanceId });
    await jobs.updateOne(
      { _id: job!._id },
      {
        $set: {
          status: 'done',
          applied: false,
          outcome: { kind: 'success', variables: { fromCrash: true } },
          updatedAt: rig.clock.now(),
        },
      },
    );

    rig.clock.advance(REDELIVERY_GRACE_MS);
    await rig.sut.runDueWork();

    expect(await rig.sut.instance(started.instanceId)).toMatchObject({
      state: 'completed',
      variables: { decision: 'approve', fromCrash: true },
    });
    expect(await jobs.findOne({ _id: job!._id })).toMatchObject({ applied: true });
    expect(statusCalls).not.toContain(job!._id);
  });
});
