import { TASKS_COLLECTION } from '../../../../src/modules/workflows/tasks/task-models';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { startProjection } from './projection-harness';
import { incident, openTask, snapshotOf } from './task-fixtures';

const T0 = new Date('2026-03-01T00:00:00.000Z');

describe('task projection (against the store)', () => {
  let database: TestDatabase;
  let sut: Awaited<ReturnType<typeof startProjection>>;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    sut = await startProjection(database);
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  const review = (instanceId: string, overrides = {}) =>
    openTask(`${instanceId}:review`, 'districtReview', T0, overrides);
  const eventTypes = async (businessKey: string) =>
    (await sut.timeline.ofBusinessKey(businessKey)).map((e) => e.type);
  const tasksOf = async (instanceId: string) =>
    (await sut.tasks.ofInstances([instanceId])).sort((a, b) =>
      a.runtimeTaskId.localeCompare(b.runtimeTaskId),
    );

  it('given a new instance, when the runtime reports it, then the listener registered at init projects its task with the deployment metadata', async () => {
    await sut.runtime.emit(
      snapshotOf({ instanceId: 'i1', revision: 1, openTasks: [review('i1')] }),
    );

    const [task] = await tasksOf('i1');
    expect(task).toMatchObject({
      elementId: 'districtReview',
      title: { zh: '区级审核', en: 'District review' },
      actions: ['approve', 'reject', 'return'],
      candidateGroups: ['district_reviewer'],
      status: 'open',
      assignee: null,
      institutionId: 'clinic-a',
      dueAt: new Date('2026-03-06T00:00:00.000Z'),
      remindAt: new Date('2026-03-04T00:00:00.000Z'),
      businessKey: 'bk-i1',
    });
    expect(await eventTypes('bk-i1')).toEqual(['process.started', 'task.created']);
  });

  it('given a snapshot already applied, when it is delivered again, then nothing is duplicated', async () => {
    const snapshot = snapshotOf({ instanceId: 'i2', revision: 4, openTasks: [review('i2')] });
    await sut.projection.sync(snapshot);
    await sut.projection.sync(snapshot);
    await sut.projection.sync(snapshot);

    expect(await tasksOf('i2')).toHaveLength(1);
    expect(await eventTypes('bk-i2')).toEqual(['process.started', 'task.created']);
    const raw = await database.connection
      .collection(TASKS_COLLECTION)
      .countDocuments({ runtimeTaskId: 'i2:review' });
    expect(raw).toBe(1);
  });

  it('given an open task missing from a newer snapshot, when applied, then it becomes cancelled once', async () => {
    const first = snapshotOf({ instanceId: 'i3', revision: 1, openTasks: [review('i3')] });
    await sut.projection.sync(first);
    const escalated = snapshotOf({
      instanceId: 'i3',
      revision: 2,
      openTasks: [openTask('i3:escalated', 'escalatedReview', T0)],
    });
    await sut.projection.sync(escalated);
    await sut.projection.sync(escalated);

    const [escalation, review3] = await tasksOf('i3');
    expect(escalation).toMatchObject({ runtimeTaskId: 'i3:escalated', status: 'open' });
    expect(review3).toMatchObject({ runtimeTaskId: 'i3:review', status: 'cancelled' });
    expect(review3?.cancelledAt).toEqual(sut.clock.now());
    expect(await eventTypes('bk-i3')).toEqual([
      'process.started',
      'task.created',
      'task.created',
      'task.cancelled',
    ]);
  });

  it('given a newer snapshot applied, when an older revision arrives late, then it changes nothing', async () => {
    await sut.projection.sync(
      snapshotOf({ instanceId: 'i4', revision: 5, openTasks: [openTask('i4:b', 'resubmit', T0)] }),
    );
    await sut.projection.sync(
      snapshotOf({ instanceId: 'i4', revision: 3, openTasks: [review('i4')] }),
    );

    const tasks = await tasksOf('i4');
    expect(tasks.map((t) => [t.runtimeTaskId, t.status])).toEqual([['i4:b', 'open']]);
  });

  it('given two revisions of one instance synced at once, when the older is applied second, then the newer still wins', async () => {
    await Promise.all([
      sut.projection.sync(snapshotOf({ instanceId: 'i5', revision: 2, openTasks: [] })),
      sut.projection.sync(snapshotOf({ instanceId: 'i5', revision: 1, openTasks: [review('i5')] })),
    ]);

    expect(await tasksOf('i5')).toEqual([]);
  });

  it('given a claimed task, when a later snapshot refreshes it with a runtime assignee, then the claim is kept', async () => {
    await sut.projection.sync(
      snapshotOf({ instanceId: 'i6', revision: 1, openTasks: [review('i6')] }),
    );
    const [task] = await tasksOf('i6');
    await sut.tasks.claim(task!, 'reviewer-1', T0);
    await sut.projection.sync(
      snapshotOf({
        instanceId: 'i6',
        revision: 2,
        openTasks: [review('i6', { assignee: 'other' })],
      }),
    );

    expect((await tasksOf('i6'))[0]).toMatchObject({ assignee: 'reviewer-1', revision: 1 });
  });

  it('given a task our API is completing, when a newer snapshot without it arrives, then it is completed with its pending decision, once, with a timeline line and an audit row', async () => {
    await sut.projection.sync(
      snapshotOf({ instanceId: 'i7', revision: 1, openTasks: [review('i7')] }),
    );
    const [task] = await tasksOf('i7');
    const begun = await sut.completions.begin(
      task!,
      { userId: 'reviewer-1', displayName: '张审核' },
      { action: 'return', reason: '缺少执业许可证', comment: null, values: { score: 2 } },
      T0,
    );
    expect(begun).toMatchObject({ status: 'completing', pending: { action: 'return' } });
    sut.clock.advance(60_000);
    const ended = snapshotOf({
      instanceId: 'i7',
      revision: 2,
      state: 'completed',
      endedAt: '2026-03-02T00:00:00.000Z',
    });
    await sut.projection.sync(ended);
    await sut.projection.sync(ended);

    expect((await tasksOf('i7'))[0]).toMatchObject({
      status: 'completed',
      action: 'return',
      reason: '缺少执业许可证',
      values: { score: 2 },
      completedBy: 'reviewer-1',
      completedAt: T0,
      pending: null,
      completingSince: null,
    });
    const events = await sut.timeline.ofBusinessKey('bk-i7');
    expect(events.map((e) => e.type)).toEqual([
      'process.started',
      'task.created',
      'task.completed',
      'process.ended',
    ]);
    expect(events[2]).toMatchObject({
      actor: 'reviewer-1',
      actorName: '张审核',
      action: 'return',
      values: { score: 2 },
    });
    const audits = sut.audit.entries.filter((e) => e.resourceId === task!.id);
    expect(audits).toEqual([
      expect.objectContaining({
        actor: 'reviewer-1',
        details: expect.objectContaining({ operation: 'complete', decision: 'return' }),
      }),
    ]);
  });

  it('given a completion whose runtime call is still under way here, when the snapshot without its task arrives, then the projection leaves it to the request', async () => {
    await sut.projection.sync(
      snapshotOf({ instanceId: 'i7b', revision: 1, openTasks: [review('i7b')] }),
    );
    const [task] = await tasksOf('i7b');
    await sut.completions.begin(
      task!,
      { userId: 'reviewer-1', displayName: '张审核' },
      { action: 'approve', reason: null, comment: null, values: {} },
      T0,
    );

    await sut.recorder.whileInFlight(task!.id, () =>
      sut.projection.sync(snapshotOf({ instanceId: 'i7b', revision: 2 })),
    );

    expect((await tasksOf('i7b'))[0]?.status).toBe('completing');
  });

  it('given an incident that opens and is later resolved, when both snapshots apply, then the timeline tells both once without the handler’s message', async () => {
    const failing = incident('inc-1', 'i8');
    await sut.projection.sync(
      snapshotOf({ instanceId: 'i8', revision: 1, openIncidents: [failing] }),
    );
    await sut.projection.sync(
      snapshotOf({ instanceId: 'i8', revision: 1, openIncidents: [failing] }),
    );
    await sut.projection.sync(snapshotOf({ instanceId: 'i8', revision: 2, openIncidents: [] }));

    const events = await sut.timeline.ofBusinessKey('bk-i8');
    expect(events.map((e) => e.type)).toEqual([
      'process.started',
      'incident.opened',
      'incident.resolved',
    ]);
    for (const event of events.slice(1)) {
      expect(event.incident).toEqual({
        activityId: 'setInstitutionStatus',
        topic: 'institution-status',
        message: { zh: expect.any(String), en: expect.any(String) },
      });
      // The handler's own message may quote stored values: admins read it elsewhere.
      expect(JSON.stringify(event)).not.toContain('boom');
    }
  });

  it('given a parallel countersign and a second round after a return, when projected, then each round groups its own shares', async () => {
    const share = (id: string, loopIndex: number) =>
      openTask(id, 'insuranceReview', T0, { loopIndex });
    await sut.projection.sync(
      snapshotOf({
        instanceId: 'i9',
        revision: 1,
        openTasks: [share('i9:a', 1), share('i9:b', 0)],
      }),
    );
    await sut.projection.sync(
      snapshotOf({
        instanceId: 'i9',
        revision: 2,
        openTasks: [share('i9:c', 0), share('i9:d', 1)],
      }),
    );

    const rounds = (await tasksOf('i9')).map((t) => [t.runtimeTaskId, t.round]);
    expect(rounds).toEqual([
      ['i9:a', 'i9:b'],
      ['i9:b', 'i9:b'],
      ['i9:c', 'i9:c'],
      ['i9:d', 'i9:c'],
    ]);
  });

  it('given a sequential countersign, when the second share appears after the first closed, then it joins the first share’s round', async () => {
    await sut.projection.sync(
      snapshotOf({
        instanceId: 'i10',
        revision: 1,
        openTasks: [openTask('i10:a', 'insuranceReview', T0, { loopIndex: 0 })],
      }),
    );
    const later = new Date(T0.getTime() + 60_000);
    await sut.projection.sync(
      snapshotOf({
        instanceId: 'i10',
        revision: 2,
        openTasks: [openTask('i10:b', 'insuranceReview', later, { loopIndex: 1 })],
      }),
    );

    expect((await tasksOf('i10')).map((t) => t.round)).toEqual(['i10:a', 'i10:a']);
  });
});
