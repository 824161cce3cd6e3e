import type { WorkflowDefinition } from '@sentinel/definitions';
import {
  LINT_TEST_CONTEXT as CONTEXT,
  definitionOf,
  lineXml,
  xmlOf,
} from './testing/lint-fixtures';
import { lintWorkflow } from './workflow-lint';

const lint = (bpmn: string, overrides: Partial<WorkflowDefinition> = {}) =>
  lintWorkflow(definitionOf(bpmn, overrides), CONTEXT);

const problemOf = (code: string, fields: Record<string, unknown> = {}) =>
  expect.arrayContaining([expect.objectContaining({ code, ...fields })]);

describe('lintWorkflow: parsing', () => {
  it('given a minimal user-task process, when linted, then there is no problem and the model lists the task', async () => {
    const result = await lint(lineXml());
    expect(result.problems).toEqual([]);
    expect(result.model).toEqual({
      processId: 'testProcess',
      userTasks: [
        {
          id: 'review',
          name: '审核',
          candidateGroups: ['district_reviewer'],
          multiInstance: false,
        },
      ],
      serviceTasks: [],
    });
  });

  it('given a Camunda Modeler export (incoming/outgoing, diagram, modeler attributes, annotation), when linted, then there is no problem', async () => {
    const exported = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.30.0" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.22.0">
  <bpmn:process id="testProcess" isExecutable="true" camunda:historyTimeToLive="P180D">
    <bpmn:documentation>测试</bpmn:documentation>
    <bpmn:startEvent id="start"><bpmn:outgoing>toReview</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="toReview" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="审核" camunda:candidateGroups="district_reviewer"><bpmn:incoming>toReview</bpmn:incoming><bpmn:outgoing>afterReview</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="afterReview" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>afterReview</bpmn:incoming></bpmn:endEvent>
    <bpmn:textAnnotation id="note"><bpmn:text>区级审核</bpmn:text></bpmn:textAnnotation>
    <bpmn:association id="noteLink" sourceRef="review" targetRef="note" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="testProcess">
    <bpmndi:BPMNShape id="startShape" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="toReviewEdge" bpmnElement="toReview"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
    expect((await lint(exported)).problems).toEqual([]);
  });

  it('given a DOCTYPE declaring an external entity, when linted, then it is refused before parsing', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>${lineXml().replace(/^<\?xml[^>]*>/, '')}`;
    const result = await lint(xxe);
    expect(result).toEqual({
      problems: [expect.objectContaining({ path: '/bpmn', code: 'BPMN_DOCTYPE_REFUSED' })],
      model: null,
    });
    expect((await lint(`<!entity x "y">${lineXml()}`)).problems).toEqual(
      problemOf('BPMN_DOCTYPE_REFUSED'),
    );
  });

  it('given XML over 1 MB, when linted, then it is refused as too large', async () => {
    const padded = lineXml().replace(
      '<bpmn:startEvent',
      `<!--${'x'.repeat(1024 * 1024)}--><bpmn:startEvent`,
    );
    expect((await lint(padded)).problems).toEqual(problemOf('BPMN_TOO_LARGE'));
  });

  it('given malformed XML or another root, when linted, then it is invalid', async () => {
    expect(await lint('<bpmn:definitions')).toEqual({
      problems: problemOf('BPMN_INVALID_XML'),
      model: null,
    });
    expect((await lint('<foo xmlns="urn:x"/>')).problems).toEqual(problemOf('BPMN_INVALID_XML'));
  });

  it('given no executable process or two processes, when linted, then the process count is refused', async () => {
    expect(await lint(xmlOf('<bpmn:startEvent id="s" />', '', 'isExecutable="false"'))).toEqual({
      problems: problemOf('BPMN_PROCESS_COUNT'),
      model: null,
    });
    const two = xmlOf(
      '<bpmn:startEvent id="s" />',
      '<bpmn:process id="other" isExecutable="true" />',
    );
    expect((await lint(two)).problems).toEqual(problemOf('BPMN_PROCESS_COUNT'));
  });

  it('given an unknown element and a foreign attribute, when linted, then both are unsupported', async () => {
    const xml = lineXml('<bpmn:frobnicate id="middle" />', 'xmlns:foo="urn:foo" foo:bar="1"');
    expect((await lint(xml)).problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'BPMN_UNSUPPORTED_ELEMENT',
          message: expect.objectContaining({ en: expect.stringContaining('bpmn:frobnicate') }),
        }),
        expect.objectContaining({
          code: 'BPMN_UNSUPPORTED_ELEMENT',
          elementId: 'review',
          message: expect.objectContaining({ en: expect.stringContaining('foo:bar') }),
        }),
      ]),
    );
  });
});

describe('lintWorkflow: the portable subset', () => {
  it.each([
    [
      'a script task',
      '<bpmn:scriptTask id="middle" scriptFormat="javascript"><bpmn:script>x</bpmn:script></bpmn:scriptTask>',
      'bpmn:ScriptTask',
    ],
    ['a sub-process', '<bpmn:subProcess id="middle" />', 'bpmn:SubProcess'],
    ['a call activity', '<bpmn:callActivity id="middle" calledElement="x" />', 'bpmn:CallActivity'],
    ['an inclusive gateway', '<bpmn:inclusiveGateway id="middle" />', 'bpmn:InclusiveGateway'],
    ['an event-based gateway', '<bpmn:eventBasedGateway id="middle" />', 'bpmn:EventBasedGateway'],
    [
      'an intermediate timer',
      '<bpmn:intermediateCatchEvent id="middle"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
      'bpmn:IntermediateCatchEvent',
    ],
    ['a send task', '<bpmn:sendTask id="middle" />', 'bpmn:SendTask'],
    ['a business rule task', '<bpmn:businessRuleTask id="middle" />', 'bpmn:BusinessRuleTask'],
    [
      'a Java service task',
      '<bpmn:serviceTask id="middle" camunda:class="org.Evil" />',
      'camunda:class',
    ],
    [
      'a delegate expression',
      '<bpmn:serviceTask id="middle" camunda:delegateExpression="${bean}" />',
      'camunda:delegateExpression',
    ],
    [
      'an expression service task',
      '<bpmn:serviceTask id="middle" camunda:expression="${x.run()}" />',
      'camunda:expression',
    ],
    [
      'an external task with a listener',
      '<bpmn:serviceTask id="middle" camunda:type="external" camunda:topic="institution-status"><bpmn:extensionElements><camunda:executionListener event="start"><camunda:script scriptFormat="javascript">x</camunda:script></camunda:executionListener></bpmn:extensionElements></bpmn:serviceTask>',
      'camunda:ExecutionListener',
    ],
  ])(
    'given %s, when linted, then it is refused naming the element',
    async (_what, middle, named) => {
      expect((await lint(lineXml(middle))).problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            path: '/bpmn',
            elementId: 'middle',
            code: 'BPMN_UNSUPPORTED_ELEMENT',
            message: expect.objectContaining({ en: expect.stringContaining(named) }),
          }),
        ]),
      );
    },
  );

  it.each([
    [
      'an input/output script',
      '<bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="a"><camunda:script scriptFormat="js">1</camunda:script></camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>',
      'camunda:InputOutput',
    ],
    [
      'a task listener',
      '<bpmn:extensionElements><camunda:taskListener event="create" class="x" /></bpmn:extensionElements>',
      'camunda:TaskListener',
    ],
    ['a standard loop', '<bpmn:standardLoopCharacteristics />', 'bpmn:StandardLoopCharacteristics'],
  ])(
    'given a user task with %s, when linted, then the task is named',
    async (_what, children, named) => {
      expect((await lint(lineXml('', '', children))).problems).toEqual(
        problemOf('BPMN_UNSUPPORTED_ELEMENT', {
          elementId: 'review',
          message: expect.objectContaining({ en: expect.stringContaining(named) }),
        }),
      );
    },
  );

  it('given a message root element and a message start event, when linted, then both are refused by id', async () => {
    const xml = xmlOf(
      `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:startEvent>
       <bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end" /><bpmn:endEvent id="end" />`,
      '<bpmn:message id="msg" name="m" />',
    );
    const { problems } = await lint(xml, { userTasks: [] });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'BPMN_UNSUPPORTED_ELEMENT', elementId: 'msg' }),
        expect.objectContaining({ code: 'BPMN_UNSUPPORTED_ELEMENT', elementId: 'start' }),
      ]),
    );
  });

  it('given an external task on a topic no worker handles, when linted, then the topic is refused', async () => {
    const ok =
      '<bpmn:serviceTask id="middle" camunda:type="external" camunda:topic="institution-status" />';
    const result = await lint(lineXml(ok));
    expect(result.problems).toEqual([]);
    expect(result.model?.serviceTasks).toEqual([{ id: 'middle', topic: 'institution-status' }]);
    const unknown = ok.replace('institution-status', 'send-fax');
    expect((await lint(lineXml(unknown))).problems).toEqual(
      problemOf('BPMN_UNKNOWN_TOPIC', { elementId: 'middle' }),
    );
  });

  it('given an exclusive gateway, when a flow lacks a condition, then the flow is named, and a default flow needs none', async () => {
    const gateway = (defaultFlow: string) => `
      <bpmn:exclusiveGateway id="middle" ${defaultFlow} />
      <bpmn:sequenceFlow id="approved" sourceRef="middle" targetRef="end2"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${decision == 'approve'}</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:endEvent id="end2" />`;
    expect((await lint(lineXml(gateway('default="toEnd"')))).problems).toEqual([]);
    expect((await lint(lineXml(gateway('')))).problems).toEqual([
      expect.objectContaining({ code: 'BPMN_MISSING_CONDITION', elementId: 'toEnd' }),
    ]);
  });

  it('given conditions that call a method or read an unknown variable, when linted, then the flow is named', async () => {
    const gateway = (condition: string) => `
      <bpmn:exclusiveGateway id="middle" default="toEnd" />
      <bpmn:sequenceFlow id="odd" sourceRef="middle" targetRef="end2"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:endEvent id="end2" />`;
    expect((await lint(lineXml(gateway("${execution.getVariable('x')}")))).problems).toEqual([
      expect.objectContaining({ code: 'BPMN_INVALID_EXPRESSION', elementId: 'odd' }),
    ]);
    expect((await lint(lineXml(gateway('${score > 3}')))).problems).toEqual([
      expect.objectContaining({ code: 'WORKFLOW_UNDEFINED_VARIABLE', elementId: 'odd' }),
    ]);
  });

  it('given a condition on a flow leaving a task, when linted, then conditions are kept to exclusive gateways', async () => {
    const xml = lineXml().replace(
      '<bpmn:sequenceFlow id="afterReview" sourceRef="review" targetRef="end" />',
      `<bpmn:sequenceFlow id="afterReview" sourceRef="review" targetRef="end"><bpmn:conditionExpression>\${true}</bpmn:conditionExpression></bpmn:sequenceFlow>`,
    );
    expect((await lint(xml)).problems).toEqual([
      expect.objectContaining({ code: 'BPMN_INVALID_FLOW', elementId: 'afterReview' }),
    ]);
  });

  it('given an element nothing leads to and a task with no way out, when linted, then each is named', async () => {
    const xml = lineXml().replace(
      '<bpmn:endEvent id="end" />',
      '<bpmn:endEvent id="end" /><bpmn:userTask id="orphan" camunda:candidateGroups="district_reviewer" />',
    );
    const { problems } = await lint(xml, {
      userTasks: [
        { taskId: 'review', candidateGroups: ['district_reviewer'] },
        { taskId: 'orphan', candidateGroups: ['district_reviewer'] },
      ],
    });
    expect(problems.filter((p) => p.elementId === 'orphan').map((p) => p.code)).toEqual([
      'BPMN_INVALID_FLOW',
      'BPMN_INVALID_FLOW',
      'BPMN_INVALID_FLOW',
    ]);
  });
});
