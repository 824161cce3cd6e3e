/**
 * The portable subset as data: the element types both runtimes execute alike and the properties
 * each may carry. Anything else in the XML is refused by name.
 */

const COMMON = ['id', 'name', 'documentation'];
/** Properties each supported type may carry (references such as sourceRef are checked apart). */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'bpmn:Process': [
    ...COMMON,
    'isExecutable',
    'flowElements',
    'artifacts',
    // Camunda 7.20+/Operaton refuse a deployment without a history time to live by default.
    'historyTimeToLive',
    'versionTag',
    'isStartableInTasklist',
  ],
  'bpmn:StartEvent': [...COMMON, 'eventDefinitions'],
  'bpmn:EndEvent': [...COMMON, 'eventDefinitions'],
  'bpmn:UserTask': [...COMMON, 'candidateGroups', 'assignee', 'loopCharacteristics'],
  'bpmn:ServiceTask': [...COMMON, 'type', 'topic'],
  'bpmn:ExclusiveGateway': [...COMMON, 'gatewayDirection'],
  'bpmn:ParallelGateway': [...COMMON, 'gatewayDirection'],
  'bpmn:SequenceFlow': [...COMMON, 'conditionExpression'],
  'bpmn:BoundaryEvent': [...COMMON, 'eventDefinitions', 'cancelActivity'],
  'bpmn:TimerEventDefinition': ['id', 'timeDuration', 'timeDate'],
  'bpmn:ErrorEventDefinition': ['id'],
  'bpmn:MultiInstanceLoopCharacteristics': [
    'id',
    'isSequential',
    'loopCardinality',
    'completionCondition',
    'collection',
    'elementVariable',
  ],
  'bpmn:Error': ['id', 'name', 'errorCode', 'errorMessage'],
  'bpmn:Expression': ['id', 'body'],
  'bpmn:FormalExpression': ['id', 'body'],
  'bpmn:TextAnnotation': ['id', 'text', 'textFormat'],
  'bpmn:Association': ['id', 'associationDirection'],
  'bpmn:Documentation': ['id', 'text', 'textFormat'],
};

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const SINGLE_VARIABLE = /^[$#]\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}$/;

const FLOW_TYPES = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:SequenceFlow',
  'bpmn:BoundaryEvent',
]);

/** Types that may appear among a process's flow elements. */
export function isFlowType(type: string): boolean {
  return FLOW_TYPES.has(type);
}
