import {
  InstanceExecutionError,
  InvalidVariablesError,
  TaskNotOpenError,
} from '../../src/modules/workflows/runtime/workflow-errors';
import { CompletionRepair } from '../../src/modules/workflows/tasks/completion-repair';
import { TaskReminders } from '../../src/modules/workflows/tasks/task-reminders';
import { type TaskItem as Item, useTaskSuite } from '../medium/workflows/tasks/task-e2e-bed';
import { DISTRICT_A } from '../medium/workflows/tasks/task-fixtures';

const DAY = 24 * 3_600_000;

describe('workflow tasks over HTTP (scripted runtime)', () => {
  const suite = useTaskSuite(__filename);
  const { as, openTaskOf, complete } = suite;

  it('given a started review, when its district’s reviewer lists tasks, then the task is there and another district’s reviewer gets nothing and 404', async () => {
    await suite.bed.startReview('sub-visible');

    const item = await openTaskOf('reviewerA1', 'sub-visible');
    expect(item).toMatchObject({
      title: { zh: '区级审核' },
      workflowKey: 'clinic-qualification-review',
      status: 'open',
      assignee: null,
      overdue: false,
      actions: ['approve', 'reject', 'return'],
      institutionId: 'clinic-a',
      dueAt: new Date(suite.bed.clock.now().getTime() + 5 * DAY).toISOString(),
    });
    const other = await as('reviewerB').get('/api/tasks?businessKey=sub-visible').expect(200);
    expect(other.body).toMatchObject({ items: [], total: 0 });
    const hidden = await as('reviewerB').get(`/api/tasks/${item.id}`).expect(404);
    expect(hidden.body.error).toBe('TASK_NOT_FOUND');
    await as('reviewerA1').get('/api/tasks/65f000000000000000000000').expect(404);
    await as('reviewerA1').get('/api/tasks/not-an-id').expect(404);
  });

  it('given a task claimed by A, when B completes it, then 403; A completes it, then a second completion is 409', async () => {
    await suite.bed.startReview('sub-claim');
    const { id } = await openTaskOf('reviewerA1', 'sub-claim');

    const claimed = await as('reviewerA1').post(`/api/tasks/${id}/claim`).expect(200);
    expect(claimed.body).toMatchObject({
      assignee: suite.userId['reviewerA1'],
      allowedOperations: ['unclaim', 'complete', 'transfer', 'cc', 'comment'],
    });
    expect((await as('reviewerA2').post(`/api/tasks/${id}/claim`).expect(409)).body.error).toBe(
      'TASK_CLAIMED',
    );
    const stolen = await complete('reviewerA2', id, { action: 'approve' }).expect(403);
    expect(stolen.body.error).toBe('TASK_ASSIGNED_TO_OTHER');

    const done = await complete('reviewerA1', id, {
      action: 'approve',
      comment: '材料齐全',
      values: { score: 5 },
    }).expect(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      action: 'approve',
      completedBy: suite.userId['reviewerA1'],
      comment: '材料齐全',
    });
    expect(suite.bed.runtime.completions.at(-1)).toEqual({
      instanceId: 'inst-sub-claim',
      runtimeTaskId: 'inst-sub-claim:districtReview:0',
      variables: { score: 5, decision: 'approve', reason: null, comment: '材料齐全' },
    });
    const again = await complete('reviewerA1', id, { action: 'approve' }).expect(409);
    expect(again.body.error).toBe('TASK_NOT_OPEN');
    const audit = await suite.bed.sut.database.connection
      .collection('audit_log')
      .findOne({ resource: 'workflow_tasks', resourceId: id });
    expect(audit).toMatchObject({
      actor: suite.userId['reviewerA1'],
      details: { operation: 'complete', decision: 'approve' },
    });
  });

  it('given an open review, when completing with a wrong action, no reason, bad, personal or reserved values, then each is refused with 422 and the task stays open', async () => {
    await suite.bed.startReview('sub-refusals');
    const { id } = await openTaskOf('reviewerA1', 'sub-refusals');

    const cases: [object, string, string][] = [
      [{ action: 'confirm' }, 'ACTION_NOT_OFFERED', '/action'],
      [{ action: 'reject' }, 'REASON_REQUIRED', '/reason'],
      [{ action: 'return', reason: '   ' }, 'REASON_REQUIRED', '/reason'],
      [{ action: 'approve', values: { score: 9 } }, 'TASK_VALUES_INVALID', '/values/score'],
      [
        { action: 'approve', values: { inspectorPhone: '13800000000' } },
        'PERSONAL_VALUE_REFUSED',
        '/values/inspectorPhone',
      ],
      // Variables the process trusts cannot come from a form.
      [
        { action: 'approve', values: { score: 5, decision: 'reject' } },
        'TASK_VALUE_RESERVED',
        '/values/decision',
      ],
      [
        { action: 'approve', values: { institutionId: 'clinic-b' } },
        'TASK_VALUE_RESERVED',
        '/values/institutionId',
      ],
      [{ action: 'approve', values: { reason: 'x' } }, 'TASK_VALUE_RESERVED', '/values/reason'],
    ];
    for (const [body, code, path] of cases) {
      const refused = await complete('reviewerA1', id, body).expect(422);
      expect(refused.body).toMatchObject({ error: code, errors: [{ path }] });
      expect(refused.body.errors[0].message).toEqual({
        zh: expect.any(String),
        en: expect.any(String),
      });
    }
    expect((await as('reviewerA1').get(`/api/tasks/${id}`).expect(200)).body).toMatchObject({
      status: 'open',
      assignee: null,
    });
    expect(
      suite.bed.runtime.completions.filter((c) => c.instanceId === 'inst-sub-refusals'),
    ).toEqual([]);
  });

  it('given a review returned with a reason, when the clinic corrects it, then the next review appears with that history and the timeline tells the story', async () => {
    await suite.bed.startReview('sub-return');
    const review = await openTaskOf('reviewerA1', 'sub-return');
    const returned = await complete('reviewerA1', review.id, {
      action: 'return',
      reason: '缺少执业许可证',
      values: { score: 2 },
    }).expect(200);
    expect(returned.body).toMatchObject({
      status: 'completed',
      values: { score: 2 },
      completedByName: '张审核',
    });

    expect(
      (await as('reviewerA1').get('/api/tasks?businessKey=sub-return').expect(200)).body.total,
    ).toBe(0);
    const resubmit = await openTaskOf('clinicAdmin', 'sub-return');
    expect(resubmit.title.zh).toBe('诊所补正');
    await complete('clinicAdmin', resubmit.id, { action: 'complete' }).expect(200);
    const second = await openTaskOf('reviewerA2', 'sub-return');
    expect(second.id).not.toBe(review.id);
    const detail = await as('reviewerA2').get(`/api/tasks/${second.id}`).expect(200);
    expect(detail.body).toMatchObject({ status: 'open', values: null });
    expect(detail.body.history).toMatchObject([
      {
        taskId: review.id,
        elementId: 'districtReview',
        completedBy: suite.userId['reviewerA1'],
        completedByName: '张审核',
        action: 'return',
        reason: '缺少执业许可证',
        values: { score: 2 },
      },
      { taskId: resubmit.id, elementId: 'resubmit', action: 'complete', values: {} },
    ]);

    const timeline = await as('clinicAdmin').get('/api/processes/sub-return/timeline').expect(200);
    const events = (
      timeline.body as {
        events: { type: string; actor: { displayName: string } | null; reason: string | null }[];
      }
    ).events;
    expect(events.map((e) => e.type)).toEqual([
      'process.started',
      'task.created',
      'task.completed',
      'task.created',
      'task.completed',
      'task.created',
    ]);
    expect(events[2]).toMatchObject({
      actor: { displayName: '张审核' },
      action: 'return',
      reason: '缺少执业许可证',
      values: { score: 2 },
    });
    await as('reviewerB').get('/api/processes/sub-return/timeline').expect(404);
    await as('reviewerA1').get('/api/processes/no-such-key/timeline').expect(404);
  });

  it('given two reviewers completing the same task at once, when both arrive, then one succeeds and the other gets 409', async () => {
    await suite.bed.startReview('sub-race');
    const { id } = await openTaskOf('reviewerA1', 'sub-race');

    const answers = await Promise.all([
      complete('reviewerA1', id, { action: 'approve' }),
      complete('reviewerA2', id, { action: 'approve' }),
    ]);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(
      suite.bed.runtime.completions.filter((c) => c.instanceId === 'inst-sub-race'),
    ).toHaveLength(1);
  });

  it('given the runtime failing, when completing, then a closed task becomes cancelled with 409, refusals reopen it, and an unexplained failure leaves it completing until the repair pass asks the runtime', async () => {
    await suite.bed.startReview('sub-fail');
    const { id } = await openTaskOf('reviewerA1', 'sub-fail');

    // Nobody knows whether the runtime took the decision: the task stays completing.
    suite.bed.runtime.failNextCompletion = new Error('runtime down');
    await complete('reviewerA1', id, { action: 'approve', values: { score: 4 } }).expect(500);
    expect((await as('reviewerA1').get(`/api/tasks/${id}`).expect(200)).body).toMatchObject({
      status: 'completing',
      assignee: suite.userId['reviewerA1'],
    });
    const repair = suite.bed.sut.app.get(CompletionRepair);
    expect(await repair.runDue(suite.bed.clock.now())).toBe(0);
    suite.bed.clock.advance(repair.limitMs + 1);
    // The runtime's task is still open: the decision was not taken, the task is open as before.
    expect(await repair.runDue(suite.bed.clock.now())).toBe(1);
    expect((await as('reviewerA1').get(`/api/tasks/${id}`).expect(200)).body).toMatchObject({
      status: 'open',
      assignee: null,
      completedBy: null,
    });

    // A process that cannot go on with the decision, or variables it cannot hold: 422, still open.
    suite.bed.runtime.failNextCompletion = new InstanceExecutionError(
      'inst-sub-fail',
      new Error('no conditional flow taken'),
    );
    const stuck = await complete('reviewerA1', id, { action: 'approve' }).expect(422);
    expect(stuck.body.error).toBe('PROCESS_CANNOT_CONTINUE');
    suite.bed.runtime.failNextCompletion = new InvalidVariablesError(
      'fields',
      'is a reserved name',
    );
    const refused = await complete('reviewerA1', id, { action: 'approve' }).expect(422);
    expect(refused.body.errors[0]).toMatchObject({
      code: 'PROCESS_VARIABLES_REFUSED',
      path: '/values',
    });
    expect((await as('reviewerA1').get(`/api/tasks/${id}`).expect(200)).body.status).toBe('open');

    suite.bed.runtime.failNextCompletion = new TaskNotOpenError('inst-sub-fail:districtReview:0');
    await complete('reviewerA1', id, { action: 'approve' }).expect(409);
    expect((await as('reviewerA1').get(`/api/tasks/${id}`).expect(200)).body.status).toBe(
      'cancelled',
    );
  });

  it('given a two-share countersign, when one reviewer signs both shares, then the second is 409 and another reviewer may sign it', async () => {
    await suite.bed.startReview('sub-countersign', 2);
    const shares = (
      await as('reviewerA1').get('/api/tasks?businessKey=sub-countersign').expect(200)
    ).body.items as Item[];
    expect(shares).toHaveLength(2);

    await complete('reviewerA1', shares[0]!.id, { action: 'approve' }).expect(200);
    const twice = await complete('reviewerA1', shares[1]!.id, { action: 'approve' }).expect(409);
    expect(twice.body.error).toBe('TASK_ALREADY_SIGNED');
    await complete('reviewerA2', shares[1]!.id, { action: 'approve' }).expect(200);
  });

  it('given a two-share countersign, when one reviewer signs both shares with two requests at once, then exactly one is taken and the other is 409 TASK_ALREADY_SIGNED', async () => {
    await suite.bed.startReview('sub-countersign-race', 2);
    const shares = (
      await as('reviewerA1').get('/api/tasks?businessKey=sub-countersign-race').expect(200)
    ).body.items as Item[];
    expect(shares).toHaveLength(2);

    const answers = await Promise.all(
      shares.map((share) => complete('reviewerA1', share.id, { action: 'approve' })),
    );

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)?.body.error).toBe('TASK_ALREADY_SIGNED');
    expect(
      suite.bed.runtime.completions.filter((c) => c.instanceId === 'inst-sub-countersign-race'),
    ).toHaveLength(1);
  });

  it('given an untouched review, when its reminder and due dates pass, then candidates are reminded once and the task is listed overdue', async () => {
    await suite.bed.startReview('sub-remind');
    const { id } = await openTaskOf('reviewerA1', 'sub-remind');
    const reminders = suite.bed.sut.app.get(TaskReminders);

    expect(await reminders.runDue(suite.bed.clock.now())).toBe(0);
    suite.bed.clock.advance(3 * DAY + 1000);
    await reminders.runDue(suite.bed.clock.now());
    expect(await reminders.runDue(suite.bed.clock.now())).toBe(0);
    const reminder = suite.bed.notifications.published.filter((n) => n.key === `${id}:reminder`);
    expect(reminder).toEqual([
      expect.objectContaining({
        kind: 'task-reminder',
        audience: {
          roles: ['district_reviewer'],
          institutionId: 'clinic-a',
          regionCode: DISTRICT_A,
        },
      }),
    ]);

    suite.bed.clock.advance(2 * DAY);
    await suite.people.signInAgain('reviewerA1'); // the old token expired
    const overdue = await as('reviewerA1')
      .get('/api/tasks?overdue=true&businessKey=sub-remind')
      .expect(200);
    expect(overdue.body.items).toMatchObject([{ id, overdue: true }]);
    const timeline = await as('reviewerA1').get('/api/processes/sub-remind/timeline').expect(200);
    expect(timeline.body.events.map((e: { type: string }) => e.type)).toContain('task.reminded');
  });
});
