import type { WorkflowLintProblem } from '../runtime';
import { childOf, childrenOf, type ModdleElement } from './bpmn-parse';
import { bpmnProblem, LintCode, unsupportedElement } from './lint-problems';

const NODE_TYPES = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:BoundaryEvent',
]);

interface Flow {
  readonly id: string;
  readonly source: ModdleElement;
  readonly target: ModdleElement;
  readonly conditional: boolean;
}

/**
 * Finds the one executable process among the root elements; only it and `bpmn:error` may be
 * there (messages, signals, collaborations are outside the subset).
 */
export function findExecutableProcess(definitions: ModdleElement): {
  process: ModdleElement | null;
  errors: ModdleElement[];
  problems: WorkflowLintProblem[];
} {
  const problems: WorkflowLintProblem[] = [];
  const roots = childrenOf(definitions, 'rootElements');
  for (const root of roots)
    if (root.$type !== 'bpmn:Process' && root.$type !== 'bpmn:Error')
      problems.push(unsupportedElement(root.$type, root.id));
  const processes = roots.filter((r) => r.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p['isExecutable'] === true);
  const process = executable[0];
  if (process === undefined || executable.length !== 1 || processes.length !== 1) {
    problems.push(
      bpmnProblem(
        LintCode.processCount,
        `BPMN 文件须且只能包含一个可执行流程（isExecutable="true"），现有 ${processes.length} 个流程、其中 ${executable.length} 个可执行`,
        `The BPMN XML needs exactly one process, marked isExecutable="true"; found ${processes.length} process(es), ${executable.length} executable`,
      ),
    );
    return { process: null, errors: [], problems };
  }
  return {
    process,
    errors: roots.filter((r) => r.$type === 'bpmn:Error'),
    problems,
  };
}

/**
 * Graph rules both runtimes agree on: one start event, at least one end event, every node on a
 * path from the start, conditions only on the ways out of an exclusive gateway (each one but the
 * default conditioned), no conditions after a parallel gateway.
 */
export function checkStructure(process: ModdleElement): WorkflowLintProblem[] {
  const problems: WorkflowLintProblem[] = [];
  const invalid = (zh: string, en: string, elementId?: string) =>
    problems.push(bpmnProblem(LintCode.invalidFlow, zh, en, elementId));
  const elements = childrenOf(process, 'flowElements');
  const nodes = elements.filter((e) => NODE_TYPES.has(e.$type));
  const flows = elements.flatMap((e): Flow[] => {
    if (e.$type !== 'bpmn:SequenceFlow') return [];
    const source = e['sourceRef'] as ModdleElement | undefined;
    const target = e['targetRef'] as ModdleElement | undefined;
    if (source === undefined || target === undefined) return [];
    const conditional = childOf(e, 'conditionExpression') !== undefined;
    return [{ id: e.id ?? '', source, target, conditional }];
  });
  const starts = nodes.filter((n) => n.$type === 'bpmn:StartEvent');
  if (starts.length !== 1)
    invalid(
      `流程须且只能有一个开始事件，现有 ${starts.length} 个`,
      `The process needs exactly one start event; found ${starts.length}`,
    );
  if (!nodes.some((n) => n.$type === 'bpmn:EndEvent'))
    invalid('流程至少需要一个结束事件', 'The process needs at least one end event');

  for (const node of nodes) {
    const incoming = flows.filter((f) => f.target === node);
    const outgoing = flows.filter((f) => f.source === node);
    const id = node.id;
    const entersByFlow = node.$type !== 'bpmn:StartEvent' && node.$type !== 'bpmn:BoundaryEvent';
    if (entersByFlow && incoming.length === 0)
      invalid('该节点没有进入的顺序流', 'No sequence flow leads into this element', id);
    if (!entersByFlow && incoming.length > 0)
      invalid(
        '开始事件和边界事件不能有进入的顺序流',
        'A start or boundary event cannot have incoming flows',
        id,
      );
    if (node.$type !== 'bpmn:EndEvent' && outgoing.length === 0)
      invalid('该节点没有出去的顺序流', 'No sequence flow leaves this element', id);
    if (node.$type === 'bpmn:EndEvent' && outgoing.length > 0)
      invalid('结束事件不能有出去的顺序流', 'An end event cannot have outgoing flows', id);
    const defaultFlow = node['default'] as ModdleElement | undefined;
    if (node.$type === 'bpmn:ExclusiveGateway') {
      if (defaultFlow !== undefined && !outgoing.some((f) => f.id === defaultFlow.id))
        invalid('默认顺序流必须从该网关出发', 'The default flow must leave this gateway', id);
      for (const flow of outgoing)
        if (!flow.conditional && flow.id !== defaultFlow?.id)
          problems.push(
            bpmnProblem(
              LintCode.missingCondition,
              '排他网关的每条出口（默认出口除外）都必须有条件表达式',
              'Every flow out of an exclusive gateway except the default needs a condition',
              flow.id,
            ),
          );
    } else if (defaultFlow !== undefined) {
      invalid(
        '只有排他网关可以设置默认顺序流',
        'Only an exclusive gateway may have a default flow',
        id,
      );
    }
  }
  for (const flow of flows)
    if (flow.conditional && flow.source.$type !== 'bpmn:ExclusiveGateway')
      invalid(
        '条件表达式只能用于排他网关的出口',
        'Conditions are only supported on flows leaving an exclusive gateway',
        flow.id,
      );
  for (const node of unreachable(nodes, flows, starts))
    invalid(
      '从开始事件无法到达该节点',
      'This element cannot be reached from the start event',
      node.id,
    );
  return problems;
}

/** Nodes no path from the start reaches (a boundary event is reached with its host). */
function unreachable(
  nodes: readonly ModdleElement[],
  flows: readonly Flow[],
  starts: readonly ModdleElement[],
): ModdleElement[] {
  const reached = new Set<ModdleElement>();
  const queue = [...starts];
  for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
    if (reached.has(node)) continue;
    reached.add(node);
    for (const flow of flows) if (flow.source === node) queue.push(flow.target);
    for (const boundary of nodes) if (boundary['attachedToRef'] === node) queue.push(boundary);
  }
  return starts.length === 0 ? [] : nodes.filter((n) => !reached.has(n));
}
