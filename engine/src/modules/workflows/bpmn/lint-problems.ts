import type { WorkflowLintProblem } from '../runtime';

/** Problem codes of the lint, so tests and clients do not compare message text. */
export const LintCode = {
  tooLarge: 'BPMN_TOO_LARGE',
  doctypeRefused: 'BPMN_DOCTYPE_REFUSED',
  invalidXml: 'BPMN_INVALID_XML',
  unsupported: 'BPMN_UNSUPPORTED_ELEMENT',
  processCount: 'BPMN_PROCESS_COUNT',
  invalidExpression: 'BPMN_INVALID_EXPRESSION',
  unknownTopic: 'BPMN_UNKNOWN_TOPIC',
  invalidTimer: 'BPMN_INVALID_TIMER',
  invalidErrorRef: 'BPMN_INVALID_ERROR_REF',
  invalidMultiInstance: 'BPMN_INVALID_MULTI_INSTANCE',
  invalidFlow: 'BPMN_INVALID_FLOW',
  missingCondition: 'BPMN_MISSING_CONDITION',
  missingCandidateGroups: 'BPMN_MISSING_CANDIDATE_GROUPS',
  taskNotDescribed: 'WORKFLOW_TASK_NOT_DESCRIBED',
  taskNotInBpmn: 'WORKFLOW_TASK_NOT_IN_BPMN',
  duplicateTask: 'WORKFLOW_DUPLICATE_TASK',
  candidateGroupsMismatch: 'WORKFLOW_CANDIDATE_GROUPS_MISMATCH',
  unknownRole: 'WORKFLOW_UNKNOWN_ROLE',
  formNotPublished: 'WORKFLOW_FORM_NOT_PUBLISHED',
  personalField: 'WORKFLOW_PERSONAL_FIELD',
  unknownField: 'WORKFLOW_UNKNOWN_FIELD',
  unknownDerived: 'WORKFLOW_UNKNOWN_DERIVED',
  startFormRequired: 'WORKFLOW_START_FORM_REQUIRED',
  undefinedVariable: 'WORKFLOW_UNDEFINED_VARIABLE',
  reservedVariable: 'WORKFLOW_RESERVED_VARIABLE',
  invalidDuration: 'WORKFLOW_INVALID_DURATION',
} as const;

export type LintCodeValue = (typeof LintCode)[keyof typeof LintCode];

export function problem(
  path: string,
  code: LintCodeValue,
  zh: string,
  en: string,
  elementId?: string,
): WorkflowLintProblem {
  return elementId === undefined
    ? { path, code, message: { zh, en } }
    : { path, elementId, code, message: { zh, en } };
}

/** A problem about the XML itself (path `/bpmn`). */
export function bpmnProblem(
  code: LintCodeValue,
  zh: string,
  en: string,
  elementId?: string,
): WorkflowLintProblem {
  return problem('/bpmn', code, zh, en, elementId);
}

/** JSON pointer segment escaping (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Chinese names of the BPMN element types people draw in a modeller, for refusals. */
const ZH_TYPE_NAMES: Readonly<Record<string, string>> = {
  'bpmn:ScriptTask': '脚本任务',
  'bpmn:SubProcess': '子流程',
  'bpmn:AdHocSubProcess': '自由子流程',
  'bpmn:Transaction': '事务子流程',
  'bpmn:CallActivity': '调用活动',
  'bpmn:InclusiveGateway': '包容网关',
  'bpmn:EventBasedGateway': '事件网关',
  'bpmn:ComplexGateway': '复杂网关',
  'bpmn:IntermediateCatchEvent': '中间捕获事件',
  'bpmn:IntermediateThrowEvent': '中间抛出事件',
  'bpmn:SendTask': '发送任务',
  'bpmn:ReceiveTask': '接收任务',
  'bpmn:BusinessRuleTask': '业务规则任务',
  'bpmn:ManualTask': '手工任务',
  'bpmn:Task': '无类型任务',
  'bpmn:UserTask': '用户任务',
  'bpmn:ServiceTask': '服务任务',
  'bpmn:StartEvent': '开始事件',
  'bpmn:EndEvent': '结束事件',
  'bpmn:BoundaryEvent': '边界事件',
  'bpmn:ExclusiveGateway': '排他网关',
  'bpmn:ParallelGateway': '并行网关',
  'bpmn:SequenceFlow': '顺序流',
  'bpmn:Message': '消息',
  'bpmn:Signal': '信号',
  'bpmn:Escalation': '升级',
  'bpmn:Collaboration': '协作（泳池）',
  'bpmn:LaneSet': '泳道',
  'bpmn:DataObject': '数据对象',
  'bpmn:DataObjectReference': '数据对象引用',
  'bpmn:DataStoreReference': '数据存储引用',
  'bpmn:MessageEventDefinition': '消息事件',
  'bpmn:SignalEventDefinition': '信号事件',
  'bpmn:TimerEventDefinition': '定时事件',
  'bpmn:ErrorEventDefinition': '错误事件',
  'bpmn:EscalationEventDefinition': '升级事件',
  'bpmn:CompensateEventDefinition': '补偿事件',
  'bpmn:ConditionalEventDefinition': '条件事件',
  'bpmn:LinkEventDefinition': '链接事件',
  'bpmn:TerminateEventDefinition': '终止事件',
  'bpmn:CancelEventDefinition': '取消事件',
  'bpmn:StandardLoopCharacteristics': '循环特性',
  'camunda:ExecutionListener': '执行监听器',
  'camunda:TaskListener': '任务监听器',
  'camunda:InputOutput': '输入输出映射',
  'camunda:Properties': '扩展属性',
  'camunda:FormData': '内置表单',
  'camunda:Field': '字段注入',
  'camunda:Connector': '连接器',
};

/** `脚本任务（bpmn:ScriptTask）`, or the bare type when it has no Chinese name. */
export function zhTypeName(type: string): string {
  const zh = ZH_TYPE_NAMES[type];
  return zh === undefined ? type : `${zh}（${type}）`;
}

/** The standard refusal of an element type outside the portable subset. */
export function unsupportedElement(type: string, elementId?: string): WorkflowLintProblem {
  return bpmnProblem(
    LintCode.unsupported,
    `不支持的 BPMN 元素：${zhTypeName(type)}`,
    `Unsupported BPMN element: ${type}`,
    elementId,
  );
}

/** The refusal of an attribute or child outside the subset, on a supported element. */
export function unsupportedAttribute(
  type: string,
  attribute: string,
  elementId?: string,
): WorkflowLintProblem {
  return bpmnProblem(
    LintCode.unsupported,
    `${zhTypeName(type)} 不支持属性或子元素“${attribute}”`,
    `${type} does not support the attribute or child "${attribute}"`,
    elementId,
  );
}
