import { reminderAudience } from './task-reminders';
import type { JurisdictionSubject } from './task-jurisdiction';
import { allowedOperations, isOverdue, toDetail } from './task-views';
import type { WorkflowTask } from './workflow-task';

const NOW = new Date('2026-03-10T00:00:00.000Z');

function task(overrides: Partial<WorkflowTask> = {}): WorkflowTask {
  return {
    id: '65f000000000000000000001',
    runtimeTaskId: 'inst-1:exec-1',
    instanceId: 'inst-1',
    elementId: 'districtReview',
    workflowKey: 'clinic-qualification-review',
    workflowVersion: 1,
    businessKey: 'sub-1',
    title: { zh: '区级审核', en: 'District review' },
    formKey: null,
    formVersion: null,
    actions: ['approve', 'reject', 'return'],
    decisionVariable: 'decision',
    candidateGroups: ['district_reviewer'],
    assignee: null,
    claimedAt: null,
    loopIndex: null,
    round: null,
    institutionId: 'clinic-a',
    regionPath: ['440000', '441900', '441900003'],
    organisationCode: null,
    status: 'open',
    createdAt: new Date('2026-03-01T00:00:00.000Z'),
    dueAt: null,
    remindAt: null,
    remindedAt: null,
    completedAt: null,
    completedBy: null,
    completedByName: null,
    action: null,
    reason: null,
    comment: null,
    values: null,
    completingSince: null,
    pending: null,
    cancelledAt: null,
    cc: [],
    comments: [],
    revision: 0,
    syncedRevision: 1,
    ...overrides,
  };
}

const reviewer: JurisdictionSubject = {
  userId: 'rev-a',
  roles: ['district_reviewer'],
  regionCode: '441900003',
};

describe('task views', () => {
  it('given an unclaimed open task, when a candidate looks, then they may claim, complete, transfer, copy and comment', () => {
    expect(allowedOperations(reviewer, task())).toEqual([
      'claim',
      'complete',
      'transfer',
      'cc',
      'comment',
    ]);
  });

  it('given a task claimed by the caller, when they look, then unclaim replaces claim', () => {
    expect(allowedOperations(reviewer, task({ assignee: 'rev-a' }))).toEqual([
      'unclaim',
      'complete',
      'transfer',
      'cc',
      'comment',
    ]);
  });

  it('given a task claimed by someone else, when a candidate looks, then they may only copy and comment', () => {
    expect(allowedOperations(reviewer, task({ assignee: 'rev-x' }))).toEqual(['cc', 'comment']);
  });

  it('given a task copied to a clinic user, when they look, then they may only comment', () => {
    const copiedUser = { userId: 'adm', roles: ['clinic_admin'], institutionId: 'clinic-a' };
    const copied = task({
      cc: [{ userId: 'adm', displayName: '管理员', by: 'rev-a', at: NOW }],
    });
    expect(allowedOperations(copiedUser, copied)).toEqual(['comment']);
  });

  it('given a completed task, when a candidate looks, then nothing but copy and comment is left', () => {
    expect(allowedOperations(reviewer, task({ status: 'completed' }))).toEqual(['cc', 'comment']);
  });

  it('given due dates, when checking overdue, then only open tasks past their due date are', () => {
    const past = new Date('2026-03-09T00:00:00.000Z');
    expect(isOverdue(task({ dueAt: past }), NOW)).toBe(true);
    expect(isOverdue(task({ dueAt: new Date('2026-03-11T00:00:00.000Z') }), NOW)).toBe(false);
    expect(isOverdue(task({ dueAt: past, status: 'completed' }), NOW)).toBe(false);
    expect(isOverdue(task(), NOW)).toBe(false);
  });

  it('given a completed return and correction, when the next review’s detail is built, then history lists both oldest first with their values and not the task itself', () => {
    const returned = task({
      id: '65f000000000000000000002',
      status: 'completed',
      completedBy: 'rev-a',
      completedByName: '张审核',
      action: 'return',
      reason: '缺少执业许可证',
      values: {},
      completedAt: new Date('2026-03-02T00:00:00.000Z'),
    });
    const corrected = task({
      id: '65f000000000000000000003',
      elementId: 'resubmit',
      title: { zh: '诊所补正', en: 'Clinic corrects' },
      status: 'completed',
      completedBy: 'adm-a',
      completedByName: '诊所管理员',
      action: 'complete',
      values: { licenceCopy: ['file-2'] },
      completedAt: new Date('2026-03-03T00:00:00.000Z'),
    });
    const next = task();

    const detail = toDetail(reviewer, next, NOW, [returned, corrected, next]);

    expect(detail.values).toBeNull();
    expect(detail.history).toEqual([
      expect.objectContaining({
        taskId: returned.id,
        action: 'return',
        reason: '缺少执业许可证',
        completedByName: '张审核',
        completedAt: '2026-03-02T00:00:00.000Z',
      }),
      expect.objectContaining({
        taskId: corrected.id,
        elementId: 'resubmit',
        values: { licenceCopy: ['file-2'] },
        completedBy: 'adm-a',
      }),
    ]);
  });

  it('given a task still completing, when its detail is built, then its pending values are not shown as if decided', () => {
    const completing = task({
      status: 'completing',
      values: { score: 3 },
    });

    expect(toDetail(reviewer, completing, NOW).values).toBeNull();
    expect(toDetail(reviewer, { ...completing, status: 'completed' }, NOW).values).toEqual({
      score: 3,
    });
  });
});

describe('reminder audience', () => {
  it('given a claimed task, when reminding, then only the assignee is told', () => {
    expect(reminderAudience(task({ assignee: 'rev-a' }))).toEqual({ userIds: ['rev-a'] });
  });

  it('given an unclaimed task, when reminding, then its candidate roles are told where it belongs', () => {
    expect(reminderAudience(task({ organisationCode: 'FC001' }))).toEqual({
      roles: ['district_reviewer'],
      institutionId: 'clinic-a',
      organisationCode: 'FC001',
      regionCode: '441900003',
    });
  });
});
