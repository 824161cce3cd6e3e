import type { WorkflowDefinition } from '@sentinel/definitions';
import { ROLES } from '../../../../common/auth';
import type { WorkflowLintContext } from '../bpmn-contract';

/*
 * Small BPMN documents and a lint context for the lint's unit specs (pure data, no test framework).
 */

/** A BPMN document around the given process body (and optional extra root elements). */
export function xmlOf(body: string, roots = '', processAttributes = 'isExecutable="true"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="urn:test">
  ${roots}
  <bpmn:process id="testProcess" ${processAttributes}>${body}</bpmn:process>
</bpmn:definitions>`;
}

/** start → review (user task) → end, with `middle` placed between review and the end. */
export function lineXml(middle = '', reviewExtras = '', reviewChildren = ''): string {
  const target = middle === '' ? 'end' : 'middle';
  return xmlOf(`
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="toReview" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="审核" camunda:candidateGroups="district_reviewer" ${reviewExtras}>${reviewChildren}</bpmn:userTask>
    <bpmn:sequenceFlow id="afterReview" sourceRef="review" targetRef="${target}" />
    ${middle === '' ? '' : `${middle}<bpmn:sequenceFlow id="toEnd" sourceRef="middle" targetRef="end" />`}
    <bpmn:endEvent id="end" />`);
}

export function definitionOf(
  bpmn: string,
  overrides: Partial<WorkflowDefinition> = {},
): WorkflowDefinition {
  return {
    kind: 'workflow',
    key: 'test',
    version: 1,
    title: { zh: '测试', en: 'Test' },
    bpmn,
    userTasks: [{ taskId: 'review', candidateGroups: ['district_reviewer'] }],
    jurisdiction: 'district',
    ...overrides,
  };
}

const FORM_FIELDS: Record<string, { key: string; personal: boolean }[]> = {
  'review-form': [{ key: 'visitResult', personal: false }],
  'personal-form': [
    { key: 'personName', personal: true },
    { key: 'note', personal: false },
  ],
  'start-form': [
    { key: 'clinicCode', personal: false },
    { key: 'phone', personal: true },
  ],
};

export const LINT_TEST_CONTEXT: WorkflowLintContext = {
  knownTopics: ['institution-status'],
  knownRoles: ROLES,
  formFields: async (key) => FORM_FIELDS[key] ?? null,
  formDerived: async (key) => (key === 'start-form' ? ['fever'] : null),
};
