import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { fixtureWorkflow, startEmbeddedRig, taskOf, type EmbeddedRig } from './embedded-harness';

describe('embedded runtime: multi-instance user tasks (会签 / 或签)', () => {
  let database: TestDatabase;
  let rig: EmbeddedRig;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    rig = await startEmbeddedRig(database);
    await rig.deploy(fixtureWorkflow('institution-info-review', 'countersign.bpmn'));
    await rig.deploy(fixtureWorkflow('any-signer', 'any-signer.bpmn'));
  });

  afterAll(async () => {
    await rig.close();
    await database.drop();
  });

  const complete = (instanceId: string, runtimeTaskId: string, decision: string) =>
    rig.sut.completeTask({ instanceId, runtimeTaskId, variables: { decision } });

  it('given a parallel countersign of two, when it starts, then two tasks wait with their loop indexes', async () => {
    const sut = await rig.start('institution-info-review', 'info-1');

    expect(sut.openTasks.map((t) => [t.elementId, t.loopIndex, t.candidateGroups])).toEqual([
      ['insuranceReview', 0, ['insurance_reviewer']],
      ['insuranceReview', 1, ['insurance_reviewer']],
    ]);
    expect(new Set(sut.openTasks.map((t) => t.runtimeTaskId)).size).toBe(2);
  });

  it('given a countersign, when both approve, then it ends on the approve branch only after the second', async () => {
    const started = await rig.start('institution-info-review', 'info-2');
    const first = taskOf(started, 'insuranceReview', 0);
    const second = taskOf(started, 'insuranceReview', 1);
    rig.clock.advance(60_000);

    const afterFirst = await complete(started.instanceId, first.runtimeTaskId, 'approve');
    expect(afterFirst.state).toBe('running');
    expect(afterFirst.openTasks).toEqual([second]); // same id and createdAt after the resume
    const sut = await complete(started.instanceId, second.runtimeTaskId, 'approve');

    expect(sut.state).toBe('completed');
    expect(sut.variables).toEqual({ decision: 'approve' });
  });

  it('given a countersign, when the first reviewer rejects, then the completion condition ends it and the other task disappears', async () => {
    const started = await rig.start('institution-info-review', 'info-3');

    const sut = await complete(
      started.instanceId,
      taskOf(started, 'insuranceReview', 1).runtimeTaskId,
      'reject',
    );

    expect(sut.state).toBe('completed');
    expect(sut.openTasks).toEqual([]);
    await expect(
      complete(started.instanceId, taskOf(started, 'insuranceReview', 0).runtimeTaskId, 'approve'),
    ).rejects.toThrow('is not open');
  });

  it('given an any-one signature over a collection, when it starts, then each task is assigned its collection item', async () => {
    const sut = await rig.start('any-signer', 'sign-1', {
      reviewers: ['doctor-li', 'doctor-wang', 'doctor-chen'],
    });

    expect(sut.openTasks.map((t) => [t.loopIndex, t.assignee])).toEqual([
      [0, 'doctor-li'],
      [1, 'doctor-wang'],
      [2, 'doctor-chen'],
    ]);
  });

  it('given an any-one signature, when one signer completes, then nrOfCompletedInstances ends it', async () => {
    const started = await rig.start('any-signer', 'sign-2', {
      reviewers: ['doctor-li', 'doctor-wang'],
    });

    const sut = await complete(
      started.instanceId,
      taskOf(started, 'sign', 1).runtimeTaskId,
      'complete',
    );

    expect(sut.state).toBe('completed');
    expect(sut.openTasks).toEqual([]);
  });
});
