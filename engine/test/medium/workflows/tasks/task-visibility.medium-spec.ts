import {
  inJurisdiction,
  mayAct,
  taskAccess,
  type JurisdictionSubject,
} from '../../../../src/modules/workflows/tasks/task-jurisdiction';
import {
  TASK_VIEWS,
  taskVisibilityFilter,
  type TaskView,
} from '../../../../src/modules/workflows/tasks/task-jurisdiction-filter';
import type { ProjectedTask } from '../../../../src/modules/workflows/tasks/task-projection-diff';
import {
  taskScopeOf,
  type WorkflowTask,
} from '../../../../src/modules/workflows/tasks/workflow-task';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { startProjection } from './projection-harness';
import { DISTRICT_A, DISTRICT_B, PATH_A } from './task-fixtures';

const PATH_B = ['440000', '441900', DISTRICT_B];
const T0 = new Date('2026-03-01T00:00:00.000Z');

function projected(id: string, overrides: Partial<ProjectedTask>): ProjectedTask {
  return {
    runtimeTaskId: id,
    instanceId: `inst-${id}`,
    elementId: 'task',
    workflowKey: 'w',
    workflowVersion: 1,
    businessKey: `bk-${id}`,
    title: { zh: id, en: id },
    formKey: null,
    formVersion: null,
    actions: ['complete'],
    decisionVariable: 'decision',
    candidateGroups: ['district_reviewer'],
    runtimeAssignee: null,
    loopIndex: null,
    institutionId: 'clinic-a',
    regionPath: PATH_A,
    organisationCode: null,
    createdAt: T0,
    dueAt: null,
    remindAt: null,
    roundHint: null,
    ...overrides,
  };
}

const SUBJECTS: Record<string, JurisdictionSubject> = {
  reviewerA: { userId: 'rev-a', roles: ['district_reviewer'], regionCode: DISTRICT_A },
  reviewerB: { userId: 'rev-b', roles: ['district_reviewer'], regionCode: DISTRICT_B },
  city: { userId: 'city', roles: ['city_regulator'], regionCode: '441900' },
  adminA: {
    userId: 'adm-a',
    roles: ['clinic_admin'],
    institutionId: 'clinic-a',
    regionCode: DISTRICT_A,
  },
  adminB: {
    userId: 'adm-b',
    roles: ['clinic_admin'],
    institutionId: 'clinic-b',
    regionCode: DISTRICT_A,
  },
  fever: { userId: 'fever-1', roles: ['fever_clinic'], organisationCode: 'FC001' },
  unattached: { userId: 'lost', roles: ['district_reviewer', 'clinic_admin'] },
};

/** The same decision as the filter, made by the pure rule on a loaded task. */
function visibleInView(subject: JurisdictionSubject, task: WorkflowTask, view: TaskView): boolean {
  const scope = taskScopeOf(task);
  switch (view) {
    case 'candidate':
      return mayAct(subject, scope);
    case 'mine':
      return inJurisdiction(subject, scope) && task.assignee === subject.userId;
    case 'cc':
      return inJurisdiction(subject, scope) && scope.ccUserIds.includes(subject.userId);
    case 'all':
      return taskAccess(subject, scope) !== null;
  }
}

describe('task visibility: the database filter agrees with the pure rule', () => {
  let database: TestDatabase;
  let sut: Awaited<ReturnType<typeof startProjection>>;
  let all: WorkflowTask[];

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    sut = await startProjection(database);
    const seeds: ProjectedTask[] = [
      projected('review-a', {}),
      projected('review-b', { institutionId: 'clinic-b2', regionPath: PATH_B }),
      projected('resubmit-a', { candidateGroups: ['clinic_admin'] }),
      projected('resubmit-b', { candidateGroups: ['clinic_admin'], institutionId: 'clinic-b' }),
      projected('referral', { candidateGroups: ['fever_clinic'], organisationCode: 'FC001' }),
      projected('referral-other', { candidateGroups: ['fever_clinic'], organisationCode: 'FC002' }),
      projected('city-task', { candidateGroups: ['city_regulator'] }),
      projected('no-institution', { institutionId: null }),
    ];
    for (const seed of seeds) await sut.tasks.upsertFromRuntime(seed, null, 1);
    const byId = async (id: string) =>
      (await sut.tasks.ofInstances([`inst-${id}`]))[0] as WorkflowTask;
    await sut.tasks.claim(await byId('review-a'), 'rev-x', T0);
    await sut.tasks.claim(await byId('resubmit-a'), 'adm-a', T0);
    await sut.tasks.addCc(await byId('city-task'), [
      { userId: 'adm-a', displayName: 'A', by: 'city', at: T0 },
      { userId: 'rev-b', displayName: 'B', by: 'city', at: T0 },
    ]);
    all = await sut.tasks.ofInstances(seeds.map((s) => s.instanceId));
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  for (const [name, subject] of Object.entries(SUBJECTS)) {
    for (const view of TASK_VIEWS) {
      it(`given ${name}, when listing view=${view}, then the store returns exactly what the rule allows`, async () => {
        const { items, total } = await sut.tasks.list(taskVisibilityFilter(subject, view), {
          skip: 0,
          limit: 100,
        });
        const expected = all.filter((task) => visibleInView(subject, task, view));

        expect(items.map((t) => t.runtimeTaskId).sort()).toEqual(
          expected.map((t) => t.runtimeTaskId).sort(),
        );
        expect(total).toBe(expected.length);
      });
    }
  }

  it('given the seeded tasks, when the district A reviewer lists all, then the other district’s review is absent and some are present', async () => {
    const { items } = await sut.tasks.list(taskVisibilityFilter(SUBJECTS['reviewerA']!, 'all'), {
      skip: 0,
      limit: 100,
    });
    const ids = items.map((t) => t.runtimeTaskId);
    expect(ids).toContain('review-a');
    expect(ids).not.toContain('review-b');
  });
});
