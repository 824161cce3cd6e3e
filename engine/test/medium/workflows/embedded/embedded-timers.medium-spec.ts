import { ManualClock } from '../../../support/auth-helpers';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { InMemoryDeployments } from './in-memory-deployments';
import { fixtureWorkflow, startEmbeddedRig, taskOf, type EmbeddedRig } from './embedded-harness';

const HOUR = 3_600_000;

describe('embedded runtime: timers survive a restart and interrupt tasks', () => {
  let database: TestDatabase;
  let clock: ManualClock;
  let deployments: InMemoryDeployments;
  let before: EmbeddedRig;
  let after: EmbeddedRig | undefined;
  const referral = fixtureWorkflow('fever-referral', 'referral.bpmn', {
    parameters: { escalateAfter: 'PT24H' },
  });

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    clock = new ManualClock();
    deployments = new InMemoryDeployments();
    before = await startEmbeddedRig(database, { clock, deployments });
    await before.deploy(referral);
  });

  afterAll(async () => {
    await after?.close();
    await database.drop();
  });

  it('given a referral whose timer reads the deployment parameter, when it starts, then the due time is stored 24 h from the injected clock', async () => {
    const sut = await before.start('fever-referral', 'visit-1', { referralInstitution: 'DG007' });

    expect(sut.variables).toEqual({ escalateAfter: 'PT24H', referralInstitution: 'DG007' });
    const stored = await database.connection
      .collection('workflow_instances')
      .findOne({ _id: sut.instanceId as never });
    expect(stored?.['nextTimerAt']).toEqual(new Date(clock.now().getTime() + 24 * HOUR));
    expect(stored?.['timers']).toEqual([
      expect.objectContaining({ activityId: 'referralOverdue' }),
    ]);
  });

  it('given a command variable of the same name, when it starts, then it wins over the deployment parameter', async () => {
    const sut = await before.start('fever-referral', 'visit-2', { escalateAfter: 'PT1H' });

    expect(sut.variables['escalateAfter']).toBe('PT1H');
  });

  it('given parked referrals and a restart, when the clock passes 24 h, then the new runtime fires the timer, cancels the task and opens the escalation', async () => {
    const started = await before.start('fever-referral', 'visit-3');
    const confirmTask = taskOf(started, 'confirmReferral');
    await before.close(); // the engine process ends; nothing of the instance stays in memory
    after = await startEmbeddedRig(database, { clock, deployments });

    clock.advance(23 * HOUR);
    await after.sut.runDueWork();
    expect((await after.sut.instance(started.instanceId))?.openTasks).toEqual([confirmTask]);
    clock.advance(HOUR);
    await after.sut.runDueWork();

    const sut = await after.sut.instance(started.instanceId);
    expect(sut?.openTasks.map((t) => t.elementId)).toEqual(['escalatedReview']);
    expect(sut?.openTasks[0]?.createdAt).toBe(clock.now().toISOString());
    const stored = await database.connection
      .collection('workflow_instances')
      .findOne({ _id: started.instanceId as never });
    expect(stored).toMatchObject({ timers: [], nextTimerAt: null });
  });

  it('given an overdue timer, when the task is completed before the scheduler ran, then the timer fires first and the task is no longer open', async () => {
    const rig = after!;
    const started = await rig.start('fever-referral', 'visit-4', { escalateAfter: 'PT1H' });
    clock.advance(2 * HOUR);

    await expect(
      rig.sut.completeTask({
        instanceId: started.instanceId,
        runtimeTaskId: taskOf(started, 'confirmReferral').runtimeTaskId,
        variables: { decision: 'confirm' },
      }),
    ).rejects.toThrow('is not open');
  });

  it('given a waiting referral, when it is confirmed in time, then the timer is cancelled with it', async () => {
    const rig = after!;
    const started = await rig.start('fever-referral', 'visit-5');

    const sut = await rig.sut.completeTask({
      instanceId: started.instanceId,
      runtimeTaskId: taskOf(started, 'confirmReferral').runtimeTaskId,
      variables: { decision: 'confirm' },
    });
    clock.advance(48 * HOUR);
    await rig.sut.runDueWork();

    expect(sut.state).toBe('completed');
    expect(await rig.sut.instance(started.instanceId)).toEqual(sut);
  });
});
