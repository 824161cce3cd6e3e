import type { WorkflowDefinition } from '@sentinel/definitions';
import { LINT_TEST_CONTEXT, definitionOf, lineXml, xmlOf } from './testing/lint-fixtures';
import { lintWorkflow } from './workflow-lint';

const lint = (bpmn: string, overrides: Partial<WorkflowDefinition> = {}) =>
  lintWorkflow(definitionOf(bpmn, overrides), LINT_TEST_CONTEXT);

const codesOf = async (bpmn: string, overrides: Partial<WorkflowDefinition> = {}) =>
  (await lint(bpmn, overrides)).problems.map((p) => ({
    path: p.path,
    code: p.code,
    ...(p.elementId === undefined ? {} : { elementId: p.elementId }),
  }));

/** review with a boundary event (given its event definition) leading to a second end. */
const withBoundary = (definition: string, roots = '') =>
  xmlOf(
    `<bpmn:startEvent id="start" />
     <bpmn:sequenceFlow id="toReview" sourceRef="start" targetRef="review" />
     <bpmn:userTask id="review" camunda:candidateGroups="district_reviewer" />
     <bpmn:sequenceFlow id="afterReview" sourceRef="review" targetRef="end" />
     <bpmn:boundaryEvent id="overdue" attachedToRef="review">${definition}</bpmn:boundaryEvent>
     <bpmn:sequenceFlow id="escalated" sourceRef="overdue" targetRef="end" />
     <bpmn:endEvent id="end" />`,
    roots,
  );
const timer = (inner: string) => `<bpmn:timerEventDefinition>${inner}</bpmn:timerEventDefinition>`;

describe('lintWorkflow: boundary events', () => {
  it('given timers with an ISO duration, a parameter, or an instant with an offset, when linted, then they pass', async () => {
    expect(
      await codesOf(withBoundary(timer('<bpmn:timeDuration>PT24H</bpmn:timeDuration>'))),
    ).toEqual([]);
    const byParameter = withBoundary(
      timer('<bpmn:timeDuration>${escalateAfter}</bpmn:timeDuration>'),
    );
    expect(await codesOf(byParameter, { parameters: { escalateAfter: 'PT24H' } })).toEqual([]);
    const instant = timer('<bpmn:timeDate>2026-01-01T08:00:00+08:00</bpmn:timeDate>');
    expect(await codesOf(withBoundary(instant))).toEqual([]);
  });

  it('given bad timers, when linted, then the boundary event or the parameter is named', async () => {
    const cycle = withBoundary(timer('<bpmn:timeCycle>R3/PT1H</bpmn:timeCycle>'));
    expect(await codesOf(cycle)).toEqual(
      expect.arrayContaining([
        { path: '/bpmn', code: 'BPMN_UNSUPPORTED_ELEMENT', elementId: 'overdue' },
      ]),
    );
    const local = withBoundary(timer('<bpmn:timeDate>2026-01-01T08:00:00</bpmn:timeDate>'));
    expect(await codesOf(local)).toEqual([
      { path: '/bpmn', code: 'BPMN_INVALID_TIMER', elementId: 'overdue' },
    ]);
    const words = withBoundary(timer('<bpmn:timeDuration>one day</bpmn:timeDuration>'));
    expect(await codesOf(words)).toEqual([
      { path: '/bpmn', code: 'BPMN_INVALID_TIMER', elementId: 'overdue' },
    ]);
    const byParameter = withBoundary(
      timer('<bpmn:timeDuration>${escalateAfter}</bpmn:timeDuration>'),
    );
    expect(await codesOf(byParameter, { parameters: { escalateAfter: '24 hours' } })).toEqual([
      {
        path: '/parameters/escalateAfter',
        code: 'WORKFLOW_INVALID_DURATION',
        elementId: 'overdue',
      },
    ]);
    expect(await codesOf(byParameter)).toEqual([
      { path: '/bpmn', code: 'WORKFLOW_UNDEFINED_VARIABLE', elementId: 'overdue' },
    ]);
  });

  it('given error boundary events, when the error has a code, then it passes, else the event is named', async () => {
    const definition = '<bpmn:errorEventDefinition errorRef="rejected" />';
    const withCode = withBoundary(definition, '<bpmn:error id="rejected" errorCode="REJECTED" />');
    expect(await codesOf(withCode)).toEqual([]);
    const withoutCode = withBoundary(definition, '<bpmn:error id="rejected" name="x" />');
    expect(await codesOf(withoutCode)).toEqual([
      { path: '/bpmn', code: 'BPMN_INVALID_ERROR_REF', elementId: 'overdue' },
    ]);
  });

  it('given a boundary event with a message, when linted, then it is refused by id', async () => {
    expect(await codesOf(withBoundary('<bpmn:messageEventDefinition />'))).toEqual([
      { path: '/bpmn', code: 'BPMN_UNSUPPORTED_ELEMENT', elementId: 'overdue' },
    ]);
  });
});

describe('lintWorkflow: multi-instance user tasks (会签 / 或签)', () => {
  const loop = (inner: string, attributes = '') =>
    lineXml(
      '',
      '',
      `<bpmn:multiInstanceLoopCharacteristics ${attributes}>${inner}</bpmn:multiInstanceLoopCharacteristics>`,
    );

  it('given a cardinality with a veto condition, or a collection with its element variable, when linted, then they pass', async () => {
    const veto = loop(
      "<bpmn:loopCardinality>2</bpmn:loopCardinality><bpmn:completionCondition>${decision == 'reject' || nrOfCompletedInstances == nrOfInstances}</bpmn:completionCondition>",
    );
    const result = await lint(veto);
    expect(result.problems).toEqual([]);
    expect(result.model?.userTasks[0]?.multiInstance).toBe(true);
    const collection = loop(
      '',
      'isSequential="true" camunda:collection="${reviewers}" camunda:elementVariable="reviewer"',
    );
    const assigned = collection.replace(
      'camunda:candidateGroups=',
      'camunda:assignee="${reviewer}" camunda:candidateGroups=',
    );
    expect(await codesOf(assigned, { parameters: { reviewers: 'a' } })).toEqual([]);
  });

  it('given a collection without an element variable, or both ways of counting, when linted, then the task is named', async () => {
    expect(
      await codesOf(loop('', 'camunda:collection="reviewers"'), { parameters: { reviewers: 'a' } }),
    ).toEqual([{ path: '/bpmn', code: 'BPMN_INVALID_MULTI_INSTANCE', elementId: 'review' }]);
    const both = loop(
      '<bpmn:loopCardinality>2</bpmn:loopCardinality>',
      'camunda:collection="reviewers" camunda:elementVariable="r"',
    );
    expect(await codesOf(both, { parameters: { reviewers: 'a' } })).toEqual([
      { path: '/bpmn', code: 'BPMN_INVALID_MULTI_INSTANCE', elementId: 'review' },
    ]);
  });
});

describe('lintWorkflow: metadata against the XML and the forms', () => {
  it('given user tasks missing on either side, when linted, then the XML task and the entry are named', async () => {
    expect(await codesOf(lineXml(), { userTasks: [{ taskId: 'ghost' }] })).toEqual([
      { path: '/userTasks/0/taskId', code: 'WORKFLOW_TASK_NOT_IN_BPMN' },
      { path: '/userTasks', code: 'WORKFLOW_TASK_NOT_DESCRIBED', elementId: 'review' },
    ]);
  });

  it('given candidate groups that differ from the XML or name no role, when linted, then the group is named', async () => {
    expect(
      await codesOf(lineXml(), {
        userTasks: [{ taskId: 'review', candidateGroups: ['city_regulator'] }],
      }),
    ).toEqual([
      { path: '/userTasks/0/candidateGroups', code: 'WORKFLOW_CANDIDATE_GROUPS_MISMATCH' },
    ]);
    const unknownRole = lineXml().replace('"district_reviewer"', '"district-reviewer"');
    expect(
      await codesOf(unknownRole, {
        userTasks: [{ taskId: 'review', candidateGroups: ['district-reviewer'] }],
      }),
    ).toEqual([{ path: '/userTasks/0/candidateGroups/0', code: 'WORKFLOW_UNKNOWN_ROLE' }]);
    expect(await codesOf(unknownRole, { userTasks: [{ taskId: 'review' }] })).toEqual([
      { path: '/bpmn', code: 'WORKFLOW_UNKNOWN_ROLE', elementId: 'review' },
    ]);
  });

  it('given task forms unpublished or with personal fields, when linted, then the form is refused', async () => {
    const task = (form: string) => ({
      userTasks: [{ taskId: 'review', candidateGroups: ['district_reviewer'], form }],
    });
    expect(await codesOf(lineXml(), task('review-form'))).toEqual([]);
    expect(await codesOf(lineXml(), task('missing-form'))).toEqual([
      { path: '/userTasks/0/form', code: 'WORKFLOW_FORM_NOT_PUBLISHED' },
    ]);
    expect(await codesOf(lineXml(), task('personal-form'))).toEqual([
      { path: '/userTasks/0/form', code: 'WORKFLOW_PERSONAL_FIELD' },
    ]);
  });

  it('given start variables, a start condition and an organisation variable, when they fit the start form, then there is no problem', async () => {
    const overrides: Partial<WorkflowDefinition> = {
      startForm: 'start-form',
      startWhenDerived: 'fever',
      startVariables: { clinic: 'clinicCode' },
      userTasks: [
        {
          taskId: 'review',
          candidateGroups: ['district_reviewer'],
          organisationVariable: 'clinic',
        },
      ],
    };
    expect(await codesOf(lineXml(), overrides)).toEqual([]);
  });

  it('given start metadata that does not fit, when linted, then each property is named', async () => {
    expect(
      await codesOf(lineXml(), {
        startForm: 'start-form',
        startWhenDerived: 'urgent',
        startVariables: { clinic: 'clinicCode', mobile: 'phone', other: 'nothing' },
        userTasks: [
          {
            taskId: 'review',
            candidateGroups: ['district_reviewer'],
            organisationVariable: 'somewhere',
          },
        ],
      }),
    ).toEqual([
      { path: '/startVariables/mobile', code: 'WORKFLOW_PERSONAL_FIELD' },
      { path: '/startVariables/other', code: 'WORKFLOW_UNKNOWN_FIELD' },
      { path: '/startWhenDerived', code: 'WORKFLOW_UNKNOWN_DERIVED' },
      { path: '/userTasks/0/organisationVariable', code: 'WORKFLOW_UNDEFINED_VARIABLE' },
    ]);
    expect(await codesOf(lineXml(), { startVariables: { clinic: 'clinicCode' } })).toEqual([
      { path: '/startVariables', code: 'WORKFLOW_START_FORM_REQUIRED' },
    ]);
    expect(await codesOf(lineXml(), { startForm: 'unpublished' })).toEqual([
      { path: '/startForm', code: 'WORKFLOW_FORM_NOT_PUBLISHED' },
    ]);
  });

  it('given reserved variable names and durations that are not ISO 8601, when linted, then they are named', async () => {
    expect(
      await codesOf(lineXml(), {
        parameters: { content: 'x' },
        userTasks: [
          {
            taskId: 'review',
            candidateGroups: ['district_reviewer'],
            decisionVariable: 'reason',
            dueAfter: '3 days',
            remindAfter: 'P1D',
          },
        ],
      }),
    ).toEqual([
      { path: '/parameters/content', code: 'WORKFLOW_RESERVED_VARIABLE' },
      { path: '/userTasks/0/decisionVariable', code: 'WORKFLOW_RESERVED_VARIABLE' },
      { path: '/userTasks/0/dueAfter', code: 'WORKFLOW_INVALID_DURATION' },
    ]);
  });

  it('given a condition on a custom decision variable and a task form field, when linted, then both count as defined', async () => {
    const xml = lineXml(`
      <bpmn:exclusiveGateway id="middle" default="toEnd" />
      <bpmn:sequenceFlow id="odd" sourceRef="middle" targetRef="end2"><bpmn:conditionExpression>\${verdict == 'approve' &amp;&amp; visitResult == 'noRisk'}</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:endEvent id="end2" />`);
    const task = {
      taskId: 'review',
      candidateGroups: ['district_reviewer'],
      form: 'review-form',
      decisionVariable: 'verdict',
    };
    expect(await codesOf(xml, { userTasks: [task] })).toEqual([]);
    expect(await codesOf(xml, { userTasks: [{ ...task, decisionVariable: undefined }] })).toEqual([
      { path: '/bpmn', code: 'WORKFLOW_UNDEFINED_VARIABLE', elementId: 'odd' },
    ]);
  });
});
