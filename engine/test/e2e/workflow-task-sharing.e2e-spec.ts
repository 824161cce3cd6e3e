import { type TaskItem as Item, useTaskSuite } from '../medium/workflows/tasks/task-e2e-bed';

/**
 * Who else gets to see a task or a process (转交, 抄送, timelines) over HTTP, on the scripted
 * runtime: being in the region is not enough, a person needs a stake in the process.
 */
describe('sharing workflow tasks and timelines over HTTP (scripted runtime)', () => {
  const suite = useTaskSuite(__filename);
  const { as, openTaskOf, complete } = suite;

  it('given a task, when transferred to an eligible reviewer, then they hold it and are notified; ineligible targets are refused on /userId', async () => {
    await suite.bed.startReview('sub-transfer');
    const { id } = await openTaskOf('reviewerA1', 'sub-transfer');

    for (const target of ['reviewerB', 'retired', 'clinicAdmin']) {
      const refused = await as('reviewerA1')
        .post(`/api/tasks/${id}/transfer`)
        .send({ userId: suite.userId[target] })
        .expect(422);
      expect(refused.body).toMatchObject({
        error: 'TRANSFER_TARGET_INVALID',
        errors: [{ path: '/userId' }],
      });
    }
    await as('reviewerA1')
      .post(`/api/tasks/${id}/transfer`)
      .send({ userId: '65f000000000000000000000' })
      .expect(422);
    const moved = await as('reviewerA1')
      .post(`/api/tasks/${id}/transfer`)
      .send({ userId: suite.userId['reviewerA2'], comment: '请协助' })
      .expect(200);

    expect(moved.body.assignee).toBe(suite.userId['reviewerA2']);
    expect(suite.bed.notifications.ofKind('task-transfer').at(-1)).toMatchObject({
      key: `${id}:transfer:1`,
      audience: { userIds: [suite.userId['reviewerA2']] },
    });
    expect(
      (await as('reviewerA2').get('/api/tasks?view=mine').expect(200)).body.items.map(
        (i: Item) => i.id,
      ),
    ).toContain(id);
    await complete('reviewerA1', id, { action: 'approve' }).expect(403);
  });

  it('given a review, when copied to people without a stake in it, then each is refused on its /userIds index; copied to the clinic, they read it, may only comment, and follow the timeline', async () => {
    await suite.bed.startReview('sub-cc');
    const { id } = await openTaskOf('reviewerA1', 'sub-cc');

    // Another district; a city regulator and a province-wide policy editor, whose roles this
    // workflow gives no task: in the region is not enough.
    for (const [userIds, index] of [
      [[suite.userId['clinicAdmin'], suite.userId['reviewerB']], 1],
      [[suite.userId['city']], 0],
      [[suite.userId['clinicAdmin'], suite.userId['policyEditor']], 1],
    ] as const) {
      const refused = await as('reviewerA1')
        .post(`/api/tasks/${id}/cc`)
        .send({ userIds })
        .expect(422);
      expect(refused.body).toMatchObject({
        error: 'CC_TARGET_INVALID',
        errors: [{ path: `/userIds/${String(index)}` }],
      });
    }
    await as('reviewerA1')
      .post(`/api/tasks/${id}/cc`)
      .send({ userIds: [suite.userId['clinicAdmin']] })
      .expect(200);

    const copies = await as('clinicAdmin').get('/api/tasks?view=cc').expect(200);
    expect(copies.body.items.map((i: Item) => i.id)).toEqual([id]);
    expect(
      (await as('clinicAdmin').get('/api/tasks?businessKey=sub-cc').expect(200)).body.total,
    ).toBe(0);
    const detail = await as('clinicAdmin').get(`/api/tasks/${id}`).expect(200);
    expect(detail.body).toMatchObject({
      allowedOperations: ['comment'],
      cc: [{ userId: suite.userId['clinicAdmin'], displayName: '诊所管理员' }],
    });
    expect((await complete('clinicAdmin', id, { action: 'approve' }).expect(403)).body.error).toBe(
      'TASK_READ_ONLY',
    );
    expect(suite.bed.notifications.ofKind('task-cc').at(-1)?.audience).toEqual({
      userIds: [suite.userId['clinicAdmin']],
    });

    const commented = await as('clinicAdmin')
      .post(`/api/tasks/${id}/comments`)
      .send({ text: '许可证已在更新中' })
      .expect(201);
    expect(commented.body.comments).toMatchObject([
      { byName: '诊所管理员', text: '许可证已在更新中' },
    ]);
    await as('clinicAdmin')
      .post(`/api/tasks/${id}/comments`)
      .send({ text: 'x'.repeat(2001) })
      .expect(400);
    await as('reviewerB').post(`/api/tasks/${id}/comments`).send({ text: 'hi' }).expect(404);
    const timeline = await as('clinicAdmin').get('/api/processes/sub-cc/timeline').expect(200);
    expect(timeline.body.events.map((e: { type: string }) => e.type)).toEqual([
      'process.started',
      'task.created',
      'task.cc',
      'task.commented',
    ]);
  });

  it('given running processes, when people whose region covers them but who have no stake ask for their timelines, then 404; those with a stake read them', async () => {
    await suite.bed.startReview('sub-outsiders');
    await suite.bed.startPrescriptionAudit('rx-outsiders');

    for (const who of ['policyEditor', 'city']) {
      const hidden = await as(who).get('/api/processes/sub-outsiders/timeline').expect(404);
      expect(hidden.body.error).toBe('PROCESS_NOT_FOUND');
    }
    await as('policyEditor').get('/api/processes/rx-outsiders/timeline').expect(404);
    await as('insurer').get('/api/processes/rx-outsiders/timeline').expect(404);
    await as('reviewerA1').get('/api/processes/rx-outsiders/timeline').expect(404);

    await as('reviewerA1').get('/api/processes/sub-outsiders/timeline').expect(200);
    await as('clinicAdmin').get('/api/processes/sub-outsiders/timeline').expect(200);
    const audit = await as('pharmacist').get('/api/processes/rx-outsiders/timeline').expect(200);
    expect(audit.body.events.map((e: { type: string }) => e.type)).toEqual([
      'process.started',
      'task.created',
    ]);
  });
});
