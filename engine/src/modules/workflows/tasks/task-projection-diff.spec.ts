import type { WorkflowDefinition } from '@sentinel/definitions';
import type { InstanceSnapshot, OpenUserTask, WorkflowDeployment } from '../runtime';
import { projectTasks } from './task-projection-diff';

const CREATED = '2026-03-02T01:00:00.000Z';

function openTask(overrides: Partial<OpenUserTask> = {}): OpenUserTask {
  return {
    runtimeTaskId: 'inst-1:exec-1',
    elementId: 'districtReview',
    name: '区级审核',
    candidateGroups: ['district_reviewer'],
    assignee: null,
    loopIndex: null,
    createdAt: CREATED,
    ...overrides,
  };
}

function snapshot(openTasks: OpenUserTask[], variables = {}): InstanceSnapshot {
  return {
    instanceId: 'inst-1',
    workflowKey: 'clinic-qualification-review',
    workflowVersion: 2,
    businessKey: 'sub-1',
    state: 'running',
    scope: { institutionId: 'clinic-a', regionPath: ['440000', '441900', '441900003'] },
    variables,
    openTasks,
    openIncidents: [],
    revision: 3,
    startedAt: CREATED,
    endedAt: null,
  };
}

function deployment(userTasks: WorkflowDefinition['userTasks']): WorkflowDeployment {
  return {
    key: 'clinic-qualification-review',
    version: 2,
    processId: 'p',
    checksum: 'c',
    deployedAt: new Date(),
    deployedBy: 'test',
    definition: {
      kind: 'workflow',
      key: 'clinic-qualification-review',
      version: 2,
      title: { zh: '资质审核', en: 'Review' },
      bpmn: '<xml/>',
      userTasks,
      jurisdiction: 'district',
    },
  };
}

describe('projecting a snapshot onto tasks', () => {
  it('given a task described by its deployment, when projected, then title, form, actions, deadlines and scope come from metadata and snapshot', () => {
    const [task] = projectTasks(
      snapshot([openTask()]),
      deployment([
        {
          taskId: 'districtReview',
          title: { zh: '区级资质审核', en: 'District review' },
          form: 'review-notes',
          formVersion: 1,
          candidateGroups: ['district_reviewer'],
          actions: ['approve', 'reject', 'return'],
          decisionVariable: 'verdict',
          dueAfter: 'P5D',
          remindAfter: 'P3D',
        },
      ]),
    );

    expect(task).toMatchObject({
      runtimeTaskId: 'inst-1:exec-1',
      instanceId: 'inst-1',
      workflowKey: 'clinic-qualification-review',
      workflowVersion: 2,
      businessKey: 'sub-1',
      title: { zh: '区级资质审核', en: 'District review' },
      formKey: 'review-notes',
      formVersion: 1,
      actions: ['approve', 'reject', 'return'],
      decisionVariable: 'verdict',
      institutionId: 'clinic-a',
      regionPath: ['440000', '441900', '441900003'],
      organisationCode: null,
      dueAt: new Date('2026-03-07T01:00:00.000Z'),
      remindAt: new Date('2026-03-05T01:00:00.000Z'),
    });
  });

  it('given a task the deployment does not describe, when projected, then the BPMN name and defaults apply', () => {
    const [task] = projectTasks(snapshot([openTask()]), null);

    expect(task).toMatchObject({
      title: { zh: '区级审核', en: '区级审核' },
      formKey: null,
      actions: ['complete'],
      decisionVariable: 'decision',
      candidateGroups: ['district_reviewer'],
      dueAt: null,
      remindAt: null,
    });
  });

  it('given an organisation variable, when projected, then the task is addressed to the organisation in that variable', () => {
    const [task] = projectTasks(
      snapshot([openTask({ elementId: 'confirmReferral' })], { referralInstitution: 'FC001' }),
      deployment([{ taskId: 'confirmReferral', organisationVariable: 'referralInstitution' }]),
    );

    expect(task?.organisationCode).toBe('FC001');
  });

  it('given a runtime assignee, when projected, then it is offered for the first insert only', () => {
    const [task] = projectTasks(snapshot([openTask({ assignee: 'u-1' })]), null);

    expect(task?.runtimeAssignee).toBe('u-1');
  });

  it('given a parallel countersign, when projected, then every share points at the share with loop index 0 as its round', () => {
    const tasks = projectTasks(
      snapshot([
        openTask({ runtimeTaskId: 'inst-1:b', elementId: 'insuranceReview', loopIndex: 1 }),
        openTask({ runtimeTaskId: 'inst-1:a', elementId: 'insuranceReview', loopIndex: 0 }),
        openTask({ runtimeTaskId: 'inst-1:c', elementId: 'other' }),
      ]),
      null,
    );

    expect(tasks.map((t) => t.roundHint)).toEqual(['inst-1:a', 'inst-1:a', null]);
  });

  it('given a sequential share whose first share is gone, when projected, then the round is left to the store', () => {
    const [task] = projectTasks(
      snapshot([openTask({ elementId: 'insuranceReview', loopIndex: 1 })]),
      null,
    );

    expect(task?.roundHint).toBeNull();
  });
});
