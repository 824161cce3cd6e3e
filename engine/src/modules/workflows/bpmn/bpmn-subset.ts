import type { WorkflowLintProblem } from '../runtime';
import {
  childOf,
  childrenOf,
  foreignAttributes,
  setProperties,
  stringOf,
  xmlNameOf,
  type ModdleElement,
} from './bpmn-parse';
import { ExpressionChecks, type SubsetExpression } from './bpmn-expression-checks';
import { ALLOWED, IDENTIFIER, isFlowType } from './bpmn-subset-rules';
import { isJuelTemplate } from './juel';
import { bpmnProblem, LintCode, unsupportedAttribute, unsupportedElement } from './lint-problems';

/** What the subset check learnt about the process, for the metadata checks and the model. */
export interface SubsetFacts {
  readonly userTasks: {
    readonly id: string;
    readonly name: string;
    readonly candidateGroups: readonly string[];
    readonly multiInstance: boolean;
    readonly elementVariable?: string;
  }[];
  readonly serviceTasks: { readonly id: string; readonly topic: string }[];
  readonly expressions: SubsetExpression[];
}

/** Checks every element of the process against the portable subset. */
export class SubsetChecker {
  readonly problems: WorkflowLintProblem[] = [];
  readonly facts: SubsetFacts = { userTasks: [], serviceTasks: [], expressions: [] };
  private readonly expressions = new ExpressionChecks(this.problems, this.facts.expressions);

  constructor(private readonly knownTopics: readonly string[]) {}

  checkProcess(process: ModdleElement): void {
    this.checkProperties(process, process.id);
    for (const artifact of childrenOf(process, 'artifacts')) this.checkArtifact(artifact);
    for (const element of childrenOf(process, 'flowElements')) this.checkFlowElement(element);
  }

  /** A root `bpmn:error` referenced by error events. */
  checkError(error: ModdleElement): void {
    this.checkProperties(error, error.id);
  }

  private checkArtifact(artifact: ModdleElement): void {
    if (ALLOWED[artifact.$type] === undefined || artifact.$type === 'bpmn:Documentation')
      this.problems.push(unsupportedElement(artifact.$type, artifact.id));
    else this.checkProperties(artifact, artifact.id);
  }

  private checkFlowElement(element: ModdleElement): void {
    const id = element.id;
    if (ALLOWED[element.$type] === undefined || !isFlowType(element.$type)) {
      this.problems.push(unsupportedElement(element.$type, id));
      return;
    }
    this.checkProperties(element, id);
    switch (element.$type) {
      case 'bpmn:StartEvent':
        for (const definition of childrenOf(element, 'eventDefinitions'))
          this.problems.push(unsupportedElement(definition.$type, id));
        break;
      case 'bpmn:EndEvent':
        this.checkEndEvent(element);
        break;
      case 'bpmn:UserTask':
        this.checkUserTask(element);
        break;
      case 'bpmn:ServiceTask':
        this.checkServiceTask(element);
        break;
      case 'bpmn:BoundaryEvent':
        this.checkBoundaryEvent(element);
        break;
      case 'bpmn:SequenceFlow': {
        const condition = childOf(element, 'conditionExpression');
        if (condition !== undefined) this.expressions.checkExpression(condition, id);
        break;
      }
    }
  }

  /** Refuses properties, foreign attributes and extension elements outside the subset. */
  private checkProperties(element: ModdleElement, ownerId: string | undefined): void {
    const allowed = ALLOWED[element.$type] ?? [];
    for (const property of setProperties(element)) {
      if (property === 'extensionElements') {
        for (const extension of childrenOf(childOf(element, property) ?? element, 'values'))
          this.problems.push(unsupportedElement(extension.$type, ownerId));
      } else if (!allowed.includes(property)) {
        this.problems.push(
          unsupportedAttribute(element.$type, xmlNameOf(element, property), ownerId),
        );
      }
    }
    for (const attribute of foreignAttributes(element))
      this.problems.push(unsupportedAttribute(element.$type, attribute, ownerId));
    for (const nested of ['loopCharacteristics', 'conditionExpression']) {
      const child = childOf(element, nested);
      if (child !== undefined && allowed.includes(nested)) this.checkProperties(child, ownerId);
    }
    for (const definition of childrenOf(element, 'eventDefinitions'))
      if (ALLOWED[definition.$type] !== undefined) this.checkProperties(definition, ownerId);
  }

  private checkEndEvent(element: ModdleElement): void {
    const definitions = childrenOf(element, 'eventDefinitions');
    if (definitions.length > 1)
      this.problems.push(unsupportedAttribute(element.$type, 'eventDefinitions', element.id));
    for (const definition of definitions) {
      if (definition.$type === 'bpmn:ErrorEventDefinition') this.checkErrorRef(definition, element);
      else this.problems.push(unsupportedElement(definition.$type, element.id));
    }
  }

  private checkUserTask(task: ModdleElement): void {
    const id = task.id ?? '';
    const groups = (stringOf(task, 'candidateGroups') ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter((g) => g !== '');
    if (groups.length === 0)
      this.problems.push(
        bpmnProblem(
          LintCode.missingCandidateGroups,
          '用户任务必须设置 camunda:candidateGroups（候选角色）',
          'A user task needs camunda:candidateGroups',
          id,
        ),
      );
    if (groups.some((g) => isJuelTemplate(g)))
      this.problems.push(
        bpmnProblem(
          LintCode.invalidExpression,
          '候选角色必须是固定的角色名，不能是表达式',
          'Candidate groups must be role names, not expressions',
          id,
        ),
      );
    const assignee = stringOf(task, 'assignee');
    if (assignee !== undefined) this.expressions.checkTemplate(assignee, id);
    const loop = childOf(task, 'loopCharacteristics');
    let elementVariable: string | undefined;
    if (loop !== undefined) {
      if (loop.$type === 'bpmn:MultiInstanceLoopCharacteristics')
        elementVariable = this.checkMultiInstance(loop, id);
      else this.problems.push(unsupportedElement(loop.$type, id));
    }
    this.facts.userTasks.push({
      id,
      name: task.name ?? '',
      candidateGroups: groups,
      multiInstance: loop !== undefined,
      ...(elementVariable === undefined ? {} : { elementVariable }),
    });
  }

  /** Returns the element variable the instances read, if any. */
  private checkMultiInstance(loop: ModdleElement, taskId: string): string | undefined {
    const cardinality = childOf(loop, 'loopCardinality');
    const collection = stringOf(loop, 'collection');
    const elementVariable = stringOf(loop, 'elementVariable');
    const invalid = (zh: string, en: string) =>
      this.problems.push(bpmnProblem(LintCode.invalidMultiInstance, zh, en, taskId));
    if ((cardinality === undefined) === (collection === undefined))
      invalid(
        '多实例任务须且只能设置 loopCardinality 或 camunda:collection 之一',
        'A multi-instance task needs exactly one of loopCardinality and camunda:collection',
      );
    if (cardinality !== undefined) {
      const body = String(cardinality['body'] ?? '').trim();
      if (isJuelTemplate(body)) this.expressions.checkExpression(cardinality, taskId);
      else if (!/^[1-9]\d{0,3}$/.test(body))
        invalid(
          'loopCardinality 必须是正整数或表达式',
          'loopCardinality must be a positive integer or an expression',
        );
    }
    if (collection !== undefined) {
      if (isJuelTemplate(collection)) this.expressions.checkTemplate(collection, taskId);
      else if (IDENTIFIER.test(collection))
        this.facts.expressions.push({ elementId: taskId, identifiers: [collection] });
      else
        invalid(
          'camunda:collection 必须是变量名或表达式',
          'camunda:collection must be a variable name or an expression',
        );
      if (elementVariable === undefined || !IDENTIFIER.test(elementVariable))
        invalid(
          '使用 camunda:collection 时必须设置合法的 camunda:elementVariable',
          'camunda:collection needs a valid camunda:elementVariable',
        );
    }
    const completion = childOf(loop, 'completionCondition');
    if (completion !== undefined) this.expressions.checkExpression(completion, taskId);
    return collection === undefined ? undefined : elementVariable;
  }

  private checkServiceTask(task: ModdleElement): void {
    const id = task.id ?? '';
    const topic = stringOf(task, 'topic');
    if (stringOf(task, 'type') !== 'external' || topic === undefined) {
      this.problems.push(
        bpmnProblem(
          LintCode.unsupported,
          '服务任务只支持外部任务：camunda:type="external" 并设置 camunda:topic',
          'A service task must be an external task: camunda:type="external" with a camunda:topic',
          id,
        ),
      );
      return;
    }
    if (!this.knownTopics.includes(topic))
      this.problems.push(
        bpmnProblem(
          LintCode.unknownTopic,
          `没有处理主题“${topic}”的任务处理器，可用：${this.knownTopics.join('、')}`,
          `No worker handles the topic "${topic}"; known topics: ${this.knownTopics.join(', ')}`,
          id,
        ),
      );
    this.facts.serviceTasks.push({ id, topic });
  }

  private checkBoundaryEvent(event: ModdleElement): void {
    const id = event.id ?? '';
    const host = event['attachedToRef'] as ModdleElement | undefined;
    if (host?.$type !== 'bpmn:UserTask' && host?.$type !== 'bpmn:ServiceTask')
      this.problems.push(
        bpmnProblem(
          LintCode.invalidFlow,
          '边界事件只能附着在用户任务或服务任务上',
          'A boundary event must be attached to a user task or a service task',
          id,
        ),
      );
    const definitions = childrenOf(event, 'eventDefinitions');
    const definition = definitions[0];
    if (definition === undefined || definitions.length !== 1) {
      this.problems.push(
        bpmnProblem(
          LintCode.unsupported,
          '边界事件须且只能有一个定时或错误事件定义',
          'A boundary event needs exactly one timer or error event definition',
          id,
        ),
      );
      return;
    }
    if (definition.$type === 'bpmn:TimerEventDefinition')
      this.expressions.checkTimer(definition, id);
    else if (definition.$type === 'bpmn:ErrorEventDefinition')
      this.checkErrorRef(definition, event);
    else this.problems.push(unsupportedElement(definition.$type, id));
  }

  private checkErrorRef(definition: ModdleElement, event: ModdleElement): void {
    const error = definition['errorRef'] as ModdleElement | undefined;
    if (error?.$type !== 'bpmn:Error' || !stringOf(error, 'errorCode'))
      this.problems.push(
        bpmnProblem(
          LintCode.invalidErrorRef,
          '错误事件必须通过 errorRef 引用带 errorCode 的 bpmn:error',
          'An error event must reference (errorRef) a bpmn:error with an errorCode',
          event.id,
        ),
      );
  }
}
