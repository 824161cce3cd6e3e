import { WorkflowRuntime } from '../../../../src/modules/workflows/runtime/workflow-runtime';
import { startE2eApp, type E2eApp } from '../../../e2e/e2e-app';
import { authed, createAccount, FAST_HASHING_ENV, loginAs } from '../../../support/auth-helpers';
import { DISTRICT_A, DISTRICT_B, PATH_A } from './task-fixtures';

/**
 * The task API on the real embedded runtime and the seeded content workflow, so the projection
 * is proven against the snapshots that runtime really delivers (the e2e suite scripts them).
 */
describe('tasks on the embedded runtime (clinic qualification review)', () => {
  let sut: E2eApp;
  let reviewer: string;
  let otherReviewer: string;
  let clinicAdmin: string;

  beforeAll(async () => {
    sut = await startE2eApp(__filename, { ...FAST_HASHING_ENV });
    await createAccount(sut.app, {
      username: 'rev-a',
      displayName: '张审核',
      roles: ['district_reviewer'],
      regionCode: DISTRICT_A,
    });
    await createAccount(sut.app, {
      username: 'rev-b',
      roles: ['district_reviewer'],
      regionCode: DISTRICT_B,
    });
    await createAccount(sut.app, {
      username: 'adm-a',
      roles: ['clinic_admin'],
      institutionId: 'clinic-a',
    });
    reviewer = await loginAs(sut.app, 'rev-a');
    otherReviewer = await loginAs(sut.app, 'rev-b');
    clinicAdmin = await loginAs(sut.app, 'adm-a');
  });

  afterAll(async () => {
    await sut.close();
  });

  it('given a started review, when the reviewer returns it, then the clinic’s resubmit task is listed and the timeline is in order', async () => {
    await sut.app.get(WorkflowRuntime).start({
      workflowKey: 'clinic-qualification-review',
      businessKey: 'sub-embedded',
      variables: { submissionId: 'sub-embedded', institutionId: 'clinic-a' },
      scope: { institutionId: 'clinic-a', regionPath: PATH_A },
    });

    const listed = await authed(sut.app, reviewer).get('/api/tasks').expect(200);
    expect(listed.body.items).toMatchObject([
      {
        businessKey: 'sub-embedded',
        title: { zh: '区级审核诊所资质' },
        actions: ['approve', 'reject', 'return'],
        institutionId: 'clinic-a',
      },
    ]);
    expect((await authed(sut.app, otherReviewer).get('/api/tasks').expect(200)).body.total).toBe(0);

    const id = (listed.body.items as { id: string }[])[0]!.id;
    await authed(sut.app, reviewer)
      .post(`/api/tasks/${id}/complete`)
      .send({ action: 'return', reason: '缺少执业许可证' })
      .expect(200);

    const resubmit = await authed(sut.app, clinicAdmin).get('/api/tasks').expect(200);
    expect(resubmit.body.items).toMatchObject([{ title: { zh: '补正资质材料并重新提交' } }]);
    const timeline = await authed(sut.app, clinicAdmin)
      .get('/api/processes/sub-embedded/timeline')
      .expect(200);
    expect(timeline.body.events).toMatchObject([
      { type: 'process.started' },
      { type: 'task.created', elementId: 'districtReview' },
      { type: 'task.completed', action: 'return', actor: { displayName: '张审核' } },
      { type: 'task.created', elementId: 'resubmit' },
    ]);
  });
});
