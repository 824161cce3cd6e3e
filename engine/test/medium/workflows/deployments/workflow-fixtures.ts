import type { WorkflowDefinition } from '@sentinel/definitions';

/** BPMN of one user task, `processId` executable: enough for the store and a lint that passes. */
export function singleTaskBpmn(processId = 'review', candidateGroup = 'district_reviewer'): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="https://sentinel.example/bpmn">',
    `  <bpmn:process id="${processId}" isExecutable="true">`,
    '    <bpmn:startEvent id="start" />',
    '    <bpmn:sequenceFlow id="toCheck" sourceRef="start" targetRef="check" />',
    `    <bpmn:userTask id="check" name="Check" camunda:candidateGroups="${candidateGroup}" />`,
    '    <bpmn:sequenceFlow id="toEnd" sourceRef="check" targetRef="end" />',
    '    <bpmn:endEvent id="end" />',
    '  </bpmn:process>',
    '</bpmn:definitions>',
  ].join('\n');
}

/** A one-task workflow; override any field. */
export function singleTaskWorkflow(
  overrides: Partial<WorkflowDefinition> = {},
): WorkflowDefinition {
  return {
    kind: 'workflow',
    key: 'single-review',
    version: 1,
    title: { zh: '单步审核', en: 'Single review' },
    bpmn: singleTaskBpmn(),
    userTasks: [
      { taskId: 'check', candidateGroups: ['district_reviewer'], actions: ['approve', 'reject'] },
    ],
    jurisdiction: 'district',
    ...overrides,
  };
}
