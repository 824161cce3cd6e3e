import { InstanceStore } from '../../../../src/modules/workflows/embedded/instance-store';
import {
  InstanceConflictError,
  InstanceExecutionError,
  InvalidVariablesError,
  TaskNotOpenError,
  WorkflowNotDeployedError,
} from '../../../../src/modules/workflows/runtime/workflow-errors';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import {
  fixtureWorkflow,
  startEmbeddedRig,
  taskOf,
  worker,
  type EmbeddedRig,
} from './embedded-harness';

describe('embedded runtime: starting instances and completing user tasks', () => {
  let database: TestDatabase;
  let rig: EmbeddedRig;
  const statusCalls: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    rig = await startEmbeddedRig(database);
    rig.registry.register(
      worker('institution-status', async (context) => {
        statusCalls.push(context.idempotencyKey);
        return { variables: { statusSet: String(context.variables['decision']) } };
      }),
    );
    await rig.deploy(fixtureWorkflow('approval', 'approval.bpmn'));
  });

  afterAll(async () => {
    await rig.close();
    await database.drop();
  });

  it('given a deployed approval, when it starts, then the district review waits with its candidate groups', async () => {
    const sut = await rig.start('approval', 'submission-1', { submissionId: 'submission-1' });

    expect(sut.state).toBe('running');
    expect(sut.revision).toBe(1);
    expect(sut.openTasks).toEqual([
      expect.objectContaining({
        elementId: 'districtReview',
        name: 'District review',
        candidateGroups: ['district_reviewer', 'city_regulator'],
        assignee: null,
        loopIndex: null,
        runtimeTaskId: expect.stringMatching(new RegExp(`^${sut.instanceId}:districtReview_`)),
      }),
    ]);
    expect(sut.variables).toEqual({ submissionId: 'submission-1' });
  });

  it('given a waiting review, when it is approved, then the gateway routes to the status job and its result is merged', async () => {
    const started = await rig.start('approval', 'submission-2');

    const afterReview = await rig.sut.completeTask({
      instanceId: started.instanceId,
      runtimeTaskId: taskOf(started, 'districtReview').runtimeTaskId,
      variables: { decision: 'approve', reason: null },
    });
    expect(afterReview.state).toBe('running');
    expect(afterReview.openTasks).toEqual([]);
    await rig.sut.runDueWork();
    const sut = await rig.sut.instance(started.instanceId);

    expect(sut).toMatchObject({
      state: 'completed',
      variables: { decision: 'approve', reason: null, statusSet: 'approve' },
    });
    expect(statusCalls.at(-1)).toMatch(new RegExp(`^${started.instanceId}:setStatus_`));
  });

  it('given a waiting review, when it is rejected, then the instance ends without a job', async () => {
    const started = await rig.start('approval', 'submission-3');
    const callsBefore = statusCalls.length;

    const sut = await rig.sut.completeTask({
      instanceId: started.instanceId,
      runtimeTaskId: taskOf(started, 'districtReview').runtimeTaskId,
      variables: { decision: 'reject', reason: '材料不全' },
    });
    await rig.sut.runDueWork();

    expect(sut.state).toBe('completed');
    expect(sut.endedAt).not.toBeNull();
    expect(statusCalls).toHaveLength(callsBefore);
  });

  it('given an instance, when the same business key starts again, then the first instance is returned and nothing is duplicated', async () => {
    const first = await rig.start('approval', 'submission-4', { round: 1 });

    const sut = await rig.start('approval', 'submission-4', { round: 2 });

    expect(sut.instanceId).toBe(first.instanceId);
    expect(sut.variables).toEqual({ round: 1 });
    expect(
      await database.connection
        .collection('workflow_instances')
        .countDocuments({ businessKey: 'submission-4' }),
    ).toBe(1);
    expect(await rig.sut.instanceByBusinessKey('approval', 'submission-4')).toMatchObject({
      instanceId: first.instanceId,
    });
    expect((await rig.sut.instancesByBusinessKey('submission-4')).map((i) => i.instanceId)).toEqual(
      [first.instanceId],
    );
  });

  it('given one open task, when two completions race, then one wins and the other finds the task not open', async () => {
    const started = await rig.start('approval', 'submission-5');
    const command = {
      instanceId: started.instanceId,
      runtimeTaskId: taskOf(started, 'districtReview').runtimeTaskId,
      variables: { decision: 'reject' },
    };

    const save = jest.spyOn(rig.get(InstanceStore), 'save');

    const results = await Promise.allSettled([
      rig.sut.completeTask(command),
      rig.sut.completeTask(command),
    ]);
    const saves = await Promise.all(save.mock.results.map((r) => r.value as Promise<boolean>));
    save.mockRestore();

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected');
    expect(failure?.status === 'rejected' && failure.reason).toBeInstanceOf(TaskNotOpenError);
    expect(saves).toEqual([true, false]); // the loser's save hit the revision check, then it reloaded
    expect(await rig.sut.instance(started.instanceId)).toMatchObject({
      state: 'completed',
      revision: 2,
    });
  });

  it('given a save that always loses the race, when a task is completed, then InstanceConflictError is thrown after the retries', async () => {
    const started = await rig.start('approval', 'submission-6');
    const collection = database.connection.collection('workflow_instances');
    const bump = async () => {
      await collection.updateOne({ _id: started.instanceId as never }, { $inc: { revision: 1 } });
    };
    const store = rig.get(InstanceStore);
    const load = store.load.bind(store);
    const spy = jest.spyOn(store, 'load').mockImplementation(async (id) => {
      const record = await load(id);
      await bump(); // someone else saves right after every read
      return record;
    });

    await expect(
      rig.sut.completeTask({
        instanceId: started.instanceId,
        runtimeTaskId: taskOf(started, 'districtReview').runtimeTaskId,
        variables: { decision: 'reject' },
      }),
    ).rejects.toBeInstanceOf(InstanceConflictError);
    spy.mockRestore();
  });

  it('given reserved or malformed variable names, when an instance starts, then they are refused with a clear error', async () => {
    await expect(rig.start('approval', 'submission-7', { content: 'x' })).rejects.toThrow(
      new InvalidVariablesError('content', 'is a reserved name; choose another'),
    );
    await expect(rig.start('approval', 'submission-7', { 'a.b': 1 })).rejects.toBeInstanceOf(
      InvalidVariablesError,
    );
    expect(await rig.sut.instanceByBusinessKey('approval', 'submission-7')).toBeNull();
  });

  it('given a date and nested values, when an instance starts, then variables are stored as JSON with ISO dates', async () => {
    const when = new Date('2026-03-01T08:00:00.000Z');

    const sut = await rig.start('approval', 'submission-8', {
      when,
      nested: { list: [1, 'two', null] },
    });

    expect(sut.variables).toEqual({
      when: '2026-03-01T08:00:00.000Z',
      nested: { list: [1, 'two', null] },
    });
  });

  it('given an unknown workflow key, when it starts, then WorkflowNotDeployedError is thrown', async () => {
    await expect(rig.start('nope', 'submission-9')).rejects.toBeInstanceOf(
      WorkflowNotDeployedError,
    );
  });

  it('given a task id of another occurrence, when it is completed, then TaskNotOpenError is thrown', async () => {
    const started = await rig.start('approval', 'submission-10');

    await expect(
      rig.sut.completeTask({
        instanceId: started.instanceId,
        runtimeTaskId: `${started.instanceId}:districtReview_x`,
        variables: {},
      }),
    ).rejects.toBeInstanceOf(TaskNotOpenError);
    await expect(
      rig.sut.completeTask({ instanceId: 'unknown', runtimeTaskId: 'unknown:x', variables: {} }),
    ).rejects.toBeInstanceOf(TaskNotOpenError);
  });

  it('given an instance on version 1, when version 2 is deployed, then the instance finishes on version 1 and new starts take version 2', async () => {
    const onVersion1 = await rig.start('approval', 'submission-11');
    const version2 = fixtureWorkflow('approval', 'approval.bpmn', { version: 2 });
    await rig.deploy({
      ...version2,
      bpmn: version2.bpmn.replace('name="District review"', 'name="District review v2"'),
    });

    const onVersion2 = await rig.start('approval', 'submission-12');
    const sut = await rig.sut.completeTask({
      instanceId: onVersion1.instanceId,
      runtimeTaskId: taskOf(onVersion1, 'districtReview').runtimeTaskId,
      variables: { decision: 'reject' },
    });

    expect(onVersion1.workflowVersion).toBe(1);
    expect(sut).toMatchObject({ workflowVersion: 1, state: 'completed' });
    expect(onVersion2.workflowVersion).toBe(2);
    expect(taskOf(onVersion2, 'districtReview').name).toBe('District review v2');
  });

  it('given a gateway condition that cannot be evaluated, when the task is completed, then InstanceExecutionError is thrown and nothing is saved', async () => {
    const broken = fixtureWorkflow('broken-gateway', 'approval.bpmn');
    await rig.deploy({
      ...broken,
      bpmn: broken.bpmn.replace("${decision == 'approve'}", '${decision * 2 > 1}'),
    });
    const started = await rig.start('broken-gateway', 'submission-13');

    await expect(
      rig.sut.completeTask({
        instanceId: started.instanceId,
        runtimeTaskId: taskOf(started, 'districtReview').runtimeTaskId,
        variables: { decision: 'approve' },
      }),
    ).rejects.toBeInstanceOf(InstanceExecutionError);
    expect(await rig.sut.instance(started.instanceId)).toEqual(started);
  });
});
