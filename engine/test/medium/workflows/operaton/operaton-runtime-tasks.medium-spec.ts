import {
  TaskNotOpenError,
  WorkflowNotDeployedError,
} from '../../../../src/modules/workflows/runtime/workflow-errors';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { contentWorkflows, countersign, reviewLoop } from './operaton-fixtures';
import { openTask, type OperatonHarness, SCOPE, startOperatonHarness } from './operaton-harness';

describe('Operaton runtime: deploy, start and user tasks (against the engine-rest double)', () => {
  let database: TestDatabase;
  let harness: OperatonHarness;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    harness = await startOperatonHarness(database);
    await harness.deploy(reviewLoop);
    await harness.deploy(countersign);
  });

  afterAll(async () => {
    await harness.close();
    await database.drop();
  });

  const start = (businessKey: string, workflowKey = 'review-loop', variables = {}) =>
    harness.runtime.start({ workflowKey, businessKey, variables, scope: SCOPE });

  it('Given a deployment, When it is posted, Then the double received the documented multipart fields and no tenant', () => {
    const [request] = harness.double.requestsTo('POST', /^\/deployment\/create$/);
    expect(request?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.body).toEqual(
      expect.objectContaining({
        'deployment-name': 'review-loop',
        'deployment-source': 'sentinel-engine',
        'enable-duplicate-filtering': 'true',
        'deploy-changed-only': 'true',
        data: reviewLoop.bpmn,
      }),
    );
    expect(request?.body).not.toHaveProperty('tenant-id');
  });

  it('Given the same deployment again, When it is deployed, Then Operaton keeps one process definition version', async () => {
    await harness.runtime.deploy((await harness.deployments.latest('review-loop'))!);
    const versions = harness.double.engine.definitions.filter(
      (definition) => definition.key === 'reviewLoop',
    );
    expect(versions.map((definition) => definition.version)).toEqual([1]);
  });

  it('Given a start, When the instance waits at the review, Then the snapshot shows the task with its candidate groups and typed variables went over the wire', async () => {
    const snapshot = await start('sub-1', 'review-loop', {
      submissionId: 'sub-1',
      amount: 3,
      ratio: 0.5,
      big: 2 ** 40,
      tags: ['a'],
    });

    expect(snapshot).toMatchObject({
      workflowKey: 'review-loop',
      workflowVersion: 1,
      businessKey: 'sub-1',
      state: 'running',
      scope: SCOPE,
      revision: 1,
    });
    expect(openTask(snapshot, 'review')).toMatchObject({
      name: '区级审核',
      candidateGroups: ['district_reviewer'],
      assignee: null,
      loopIndex: null,
    });
    expect(snapshot.variables).toEqual({
      submissionId: 'sub-1',
      amount: 3,
      ratio: 0.5,
      big: 2 ** 40,
      tags: ['a'],
    });
    const [request] = harness.double.requestsTo(
      'POST',
      /^\/process-definition\/key\/reviewLoop\/start$/,
    );
    expect(request?.contentType).toBe('application/json');
    expect(request?.body).toEqual({
      businessKey: 'sub-1',
      variables: {
        submissionId: { value: 'sub-1', type: 'String' },
        amount: { value: 3, type: 'Integer' },
        ratio: { value: 0.5, type: 'Double' },
        big: { value: 2 ** 40, type: 'Long' },
        tags: { value: '["a"]', type: 'Json' },
      },
    });
  });

  it('Given an instance for a business key, When it is started again, Then the first instance comes back and Operaton saw one start', async () => {
    const first = await start('sub-2');
    const again = await start('sub-2');
    const concurrent = await Promise.all([start('sub-3'), start('sub-3'), start('sub-3')]);

    expect(again.instanceId).toBe(first.instanceId);
    expect(new Set(concurrent.map((snapshot) => snapshot.instanceId)).size).toBe(1);
    const starts = harness.double
      .requestsTo('POST', /\/start$/)
      .filter((r) => ['sub-2', 'sub-3'].includes((r.body as { businessKey: string }).businessKey));
    expect(starts).toHaveLength(2);
  });

  it('Given Operaton already runs an instance for the business key (a start that died before saving), When started, Then that instance is adopted', async () => {
    const orphan = harness.double.engine.startByKey('reviewLoop', 'sub-orphan', new Map());
    const before = harness.double.requestsTo('POST', /\/start$/).length;

    const snapshot = await start('sub-orphan');

    expect(snapshot.instanceId).toBe(orphan.id);
    expect(harness.double.requestsTo('POST', /\/start$/)).toHaveLength(before);
  });

  it('Given a review, When it is returned, resubmitted and approved, Then the gateway routes each time and the listener saw every revision in order', async () => {
    const started = await start('sub-4');
    const returned = await harness.runtime.completeTask({
      instanceId: started.instanceId,
      runtimeTaskId: openTask(started, 'review').runtimeTaskId,
      variables: { decision: 'return', reason: '缺少执业许可证', comment: null },
    });
    expect(returned.openTasks.map((task) => task.elementId)).toEqual(['resubmit']);
    expect(returned.variables).toMatchObject({
      decision: 'return',
      reason: '缺少执业许可证',
      comment: null,
    });

    const resubmitted = await harness.runtime.completeTask({
      instanceId: started.instanceId,
      runtimeTaskId: openTask(returned, 'resubmit').runtimeTaskId,
      variables: { decision: 'complete' },
    });
    const review = openTask(resubmitted, 'review');
    expect(review.runtimeTaskId).not.toBe(openTask(started, 'review').runtimeTaskId);

    const approved = await harness.runtime.completeTask({
      instanceId: started.instanceId,
      runtimeTaskId: review.runtimeTaskId,
      variables: { decision: 'approve', reason: null },
    });
    expect(approved.openTasks).toEqual([]);
    expect(approved.state).toBe('running'); // waiting at the institution-status job
    const revisions = harness.snapshots
      .filter((s) => s.instanceId === started.instanceId)
      .map((s) => s.revision);
    expect(revisions).toEqual([1, 2, 3, 4]);
    const completion = harness.double.requestsTo('POST', /^\/task\/[^/]+\/complete$/).at(-1);
    expect(completion?.body).toEqual({
      variables: {
        decision: { value: 'approve', type: 'String' },
        reason: { value: null, type: 'Null' },
      },
    });
  });

  it('Given a completed or foreign task, When completing it, Then TaskNotOpenError', async () => {
    const first = await start('sub-5');
    const other = await start('sub-6');
    const task = openTask(first, 'review');
    await harness.runtime.completeTask({
      instanceId: first.instanceId,
      runtimeTaskId: task.runtimeTaskId,
      variables: { decision: 'return' },
    });

    await expect(
      harness.runtime.completeTask({
        instanceId: first.instanceId,
        runtimeTaskId: task.runtimeTaskId,
        variables: {},
      }),
    ).rejects.toBeInstanceOf(TaskNotOpenError);
    await expect(
      harness.runtime.completeTask({
        instanceId: first.instanceId,
        runtimeTaskId: openTask(other, 'review').runtimeTaskId,
        variables: {},
      }),
    ).rejects.toBeInstanceOf(TaskNotOpenError);
  });

  it('Given the task vanished in Operaton after our last snapshot, When completing it, Then engine-rest’s 500 "Cannot find task" becomes TaskNotOpenError', async () => {
    const started = await start('sub-7');
    harness.double.injectFault({
      method: 'POST',
      path: /^\/task\/[^/]+\/complete$/,
      status: 500,
      body: {
        type: 'RestException',
        message: 'Cannot complete task x: Cannot find task with id x: task is null',
      },
    });

    await expect(
      harness.runtime.completeTask({
        instanceId: started.instanceId,
        runtimeTaskId: openTask(started, 'review').runtimeTaskId,
        variables: {},
      }),
    ).rejects.toBeInstanceOf(TaskNotOpenError);
  });

  it('Given a text longer than Operaton’s String column, When a task completes with it, Then it travels as Json and reads back unchanged', async () => {
    const started = await start('sub-8');
    const comment = '意见'.repeat(2_500);
    const returned = await harness.runtime.completeTask({
      instanceId: started.instanceId,
      runtimeTaskId: openTask(started, 'review').runtimeTaskId,
      variables: { decision: 'return', comment },
    });

    expect(returned.variables['comment']).toBe(comment);
  });

  it('Given a countersign of two, When one approves and the other rejects, Then both tasks carried loop indexes and the veto ends the multi-instance', async () => {
    const started = await start('ins-1', 'countersign');
    expect(started.openTasks.map((task) => task.loopIndex).sort()).toEqual([0, 1]);
    const [first, second] = started.openTasks;

    const afterFirst = await harness.runtime.completeTask({
      instanceId: started.instanceId,
      runtimeTaskId: first!.runtimeTaskId,
      variables: { decision: 'approve' },
    });
    expect(afterFirst.openTasks.map((task) => task.runtimeTaskId)).toEqual([second!.runtimeTaskId]);
    const afterSecond = await harness.runtime.completeTask({
      instanceId: started.instanceId,
      runtimeTaskId: second!.runtimeTaskId,
      variables: { decision: 'reject', reason: '资料不符' },
    });

    expect(afterSecond).toMatchObject({
      state: 'completed',
      openTasks: [],
      variables: { decision: 'reject', reason: '资料不符' },
    });
    expect(afterSecond.endedAt).not.toBeNull();
  });

  it('Given an unknown workflow key, When starting, Then WorkflowNotDeployedError', async () => {
    await expect(start('x', 'no-such-workflow')).rejects.toBeInstanceOf(WorkflowNotDeployedError);
  });

  it('Given the shipped content, When each workflow is deployed and started with its parameters, Then the double runs it to a wait state', async () => {
    for (const definition of contentWorkflows()) {
      await harness.deploy(definition);
      const snapshot = await start(`content-${definition.key}`, definition.key, {
        submissionId: 's',
        decision: 'approve',
      });
      expect({ key: definition.key, state: snapshot.state }).toEqual({
        key: definition.key,
        state: expect.stringMatching(/running|completed/),
      });
    }
  });

  it('Given instances of two workflows for one business key, When listed by business key, Then both come back oldest first', async () => {
    const review = await start('shared-key');
    const sign = await start('shared-key', 'countersign');

    const listed = await harness.runtime.instancesByBusinessKey('shared-key');

    expect(listed.map((snapshot) => snapshot.instanceId)).toEqual([
      review.instanceId,
      sign.instanceId,
    ]);
    expect(
      (await harness.runtime.instanceByBusinessKey('countersign', 'shared-key'))?.instanceId,
    ).toBe(sign.instanceId);
    expect((await harness.runtime.instance(review.instanceId))?.revision).toBe(review.revision);
  });
});
