import { createRequire } from 'node:module';

/**
 * The executable processes of a deployed BPMN file, reduced to the portable subset the double
 * runs (the same subset the engine's lint allows). Parsed with bpmn-moddle + camunda-bpmn-moddle,
 * the libraries bpmn.io and Camunda Modeler use, so `camunda:*` attributes read as Operaton
 * reads them. An element outside the subset is a parse error of the DOUBLE, reported as such.
 */
export interface MultiInstanceSpec {
  readonly sequential: boolean;
  readonly loopCardinality: string | null;
  readonly completionCondition: string | null;
}

export type GraphElement =
  | { readonly kind: 'startEvent' | 'endEvent' | 'exclusiveGateway' | 'parallelGateway' }
  | {
      readonly kind: 'userTask';
      readonly name: string;
      readonly candidateGroups: string | null;
      readonly assignee: string | null;
      readonly multiInstance: MultiInstanceSpec | null;
    }
  | { readonly kind: 'externalTask'; readonly name: string; readonly topic: string }
  | {
      readonly kind: 'timerBoundary';
      readonly attachedTo: string;
      readonly cancelActivity: boolean;
      readonly timeDuration: string;
    }
  | {
      readonly kind: 'errorBoundary';
      readonly attachedTo: string;
      readonly errorCode: string | null;
    };

export interface GraphFlow {
  readonly id: string;
  readonly target: string;
  readonly condition: string | null;
}

export interface ProcessGraph {
  readonly key: string;
  readonly name: string | null;
  /** `camunda:historyTimeToLive`; Operaton (like Camunda ≥ 7.20) refuses a definition without one by default. */
  readonly historyTimeToLive: string | null;
  readonly elements: ReadonlyMap<string, GraphElement & { readonly id: string }>;
  readonly outgoing: ReadonlyMap<string, readonly GraphFlow[]>;
  readonly incomingCount: ReadonlyMap<string, number>;
  /** `default` flow of a gateway. */
  readonly defaultFlow: ReadonlyMap<string, string>;
  readonly startEventId: string;
}

export class BpmnParseError extends Error {}

interface ModdleElement {
  readonly $type: string;
  readonly id: string;
  readonly name?: string;
  readonly isExecutable?: boolean;
  readonly historyTimeToLive?: string;
  readonly flowElements?: readonly ModdleElement[];
  readonly rootElements?: readonly ModdleElement[];
  readonly sourceRef?: ModdleElement;
  readonly targetRef?: ModdleElement;
  readonly conditionExpression?: { readonly body?: string };
  readonly default?: ModdleElement;
  readonly candidateGroups?: string;
  readonly assignee?: string;
  readonly type?: string;
  readonly topic?: string;
  readonly loopCharacteristics?: {
    readonly $type: string;
    readonly isSequential?: boolean;
    readonly loopCardinality?: { readonly body?: string };
    readonly completionCondition?: { readonly body?: string };
    readonly collection?: string;
  };
  readonly eventDefinitions?: readonly {
    readonly $type: string;
    readonly timeDuration?: { readonly body?: string };
    readonly timeDate?: unknown;
    readonly timeCycle?: unknown;
    readonly errorRef?: { readonly errorCode?: string };
  }[];
  readonly attachedToRef?: ModdleElement;
  readonly cancelActivity?: boolean;
}

interface Moddle {
  fromXML(
    xml: string,
  ): Promise<{ rootElement: ModdleElement; warnings: readonly { message: string }[] }>;
}

let moddleFactory: (() => Moddle) | undefined;

function createModdle(): Moddle {
  if (!moddleFactory) {
    const load = createRequire(__filename);
    const bpmnModdle = load('bpmn-moddle') as { default?: unknown };
    const camunda = load('camunda-bpmn-moddle/resources/camunda.json') as object;
    const BpmnModdle = (bpmnModdle.default ?? bpmnModdle) as new (packages: object) => Moddle;
    moddleFactory = () => new BpmnModdle({ camunda });
  }
  return moddleFactory();
}

function convertElement(element: ModdleElement): GraphElement {
  const fail = (what: string): never => {
    throw new BpmnParseError(
      `[double] ${what} (element ${element.id}) is outside the subset this double runs`,
    );
  };
  switch (element.$type) {
    case 'bpmn:StartEvent':
    case 'bpmn:EndEvent':
      if ((element.eventDefinitions ?? []).length > 0)
        fail(`${element.$type} with an event definition`);
      return { kind: element.$type === 'bpmn:StartEvent' ? 'startEvent' : 'endEvent' };
    case 'bpmn:ExclusiveGateway':
      return { kind: 'exclusiveGateway' };
    case 'bpmn:ParallelGateway':
      return { kind: 'parallelGateway' };
    case 'bpmn:UserTask': {
      const loop = element.loopCharacteristics;
      if (loop && (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics' || loop.collection)) {
        fail('a loop other than a multi-instance with loopCardinality');
      }
      return {
        kind: 'userTask',
        name: element.name ?? element.id,
        candidateGroups: element.candidateGroups ?? null,
        assignee: element.assignee ?? null,
        multiInstance: loop
          ? {
              sequential: loop.isSequential === true,
              loopCardinality: loop.loopCardinality?.body ?? null,
              completionCondition: loop.completionCondition?.body ?? null,
            }
          : null,
      };
    }
    case 'bpmn:ServiceTask':
      if (element.type !== 'external' || !element.topic) {
        // Operaton's own parse error for a service task without an implementation.
        throw new BpmnParseError(
          `One of the attributes 'class', 'delegateExpression', 'type', or 'expression' is mandatory on serviceTask. | ${element.id}`,
        );
      }
      return { kind: 'externalTask', name: element.name ?? element.id, topic: element.topic };
    case 'bpmn:BoundaryEvent': {
      const [definition, ...more] = element.eventDefinitions ?? [];
      const attachedTo = element.attachedToRef?.id;
      if (!definition || more.length > 0 || !attachedTo) return fail('a boundary event');
      if (definition.$type === 'bpmn:ErrorEventDefinition') {
        return {
          kind: 'errorBoundary',
          attachedTo,
          errorCode: definition.errorRef?.errorCode ?? null,
        };
      }
      if (definition.$type === 'bpmn:TimerEventDefinition' && definition.timeDuration?.body) {
        return {
          kind: 'timerBoundary',
          attachedTo,
          cancelActivity: element.cancelActivity !== false,
          timeDuration: definition.timeDuration.body,
        };
      }
      return fail('a boundary event other than error or timeDuration');
    }
    default:
      return fail(element.$type);
  }
}

function buildGraph(process: ModdleElement): ProcessGraph {
  const elements = new Map<string, GraphElement & { id: string }>();
  const outgoing = new Map<string, GraphFlow[]>();
  const incomingCount = new Map<string, number>();
  const defaultFlow = new Map<string, string>();
  let startEventId: string | null = null;
  for (const element of process.flowElements ?? []) {
    if (element.$type === 'bpmn:SequenceFlow') {
      const source = element.sourceRef?.id;
      const target = element.targetRef?.id;
      if (!source || !target) throw new BpmnParseError(`sequence flow ${element.id} is dangling`);
      const flows = outgoing.get(source) ?? [];
      flows.push({ id: element.id, target, condition: element.conditionExpression?.body ?? null });
      outgoing.set(source, flows);
      incomingCount.set(target, (incomingCount.get(target) ?? 0) + 1);
      continue;
    }
    const converted = convertElement(element);
    if (converted.kind === 'startEvent') {
      if (startEventId !== null) throw new BpmnParseError('[double] more than one start event');
      startEventId = element.id;
    }
    if (element.default) defaultFlow.set(element.id, element.default.id);
    elements.set(element.id, { ...converted, id: element.id });
  }
  if (startEventId === null) throw new BpmnParseError(`process ${process.id} has no start event`);
  return {
    key: process.id,
    name: process.name ?? null,
    historyTimeToLive: process.historyTimeToLive ?? null,
    elements,
    outgoing,
    incomingCount,
    defaultFlow,
    startEventId,
  };
}

/** Every executable process in the XML (non-executable ones are skipped, as Operaton does). */
export async function parseProcesses(xml: string): Promise<ProcessGraph[]> {
  let parsed: Awaited<ReturnType<Moddle['fromXML']>>;
  try {
    parsed = await createModdle().fromXML(xml);
  } catch (error) {
    throw new BpmnParseError(
      `ENGINE-09005 Could not parse BPMN process: ${(error as Error).message}`,
    );
  }
  const unparsable = parsed.warnings.find((warning) =>
    /unparsable|unresolved/.test(warning.message),
  );
  if (unparsable) throw new BpmnParseError(`ENGINE-09005 ${unparsable.message.split('\n')[0]}`);
  return (parsed.rootElement.rootElements ?? [])
    .filter((root) => root.$type === 'bpmn:Process' && root.isExecutable === true)
    .map(buildGraph);
}
