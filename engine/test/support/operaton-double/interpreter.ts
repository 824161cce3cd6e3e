import { randomUUID } from 'node:crypto';
import type { GraphElement, ProcessGraph } from './bpmn-graph';
import {
  type ActivityRecord,
  type DefinitionRecord,
  engineFailure,
  type InstanceRecord,
  removeActivityRecords,
  type RuntimeData,
} from './engine-state';
import { parseIsoDuration } from './iso-duration';
import { evaluateJuel, type JuelValue } from './juel';
import { integerValue, plainValue, type StoredValue } from './typed-values';

type Element = GraphElement & { readonly id: string };
type UserTaskElement = Extract<Element, { kind: 'userTask' }>;

/**
 * Moves executions through a process graph the way Operaton's engine does for the portable
 * subset, synchronously until every execution waits (user task, external task, timer, join) or
 * ends. Variables set on completion go to the process instance unless a local of that name
 * exists, like Operaton's `setVariable` walking up the scopes.
 */
export class ProcessInterpreter {
  constructor(
    private readonly data: () => RuntimeData,
    private readonly definition: (id: string) => DefinitionRecord,
    private readonly now: () => Date,
  ) {}

  start(
    definition: DefinitionRecord,
    businessKey: string | null,
    variables: Map<string, StoredValue>,
  ) {
    const instance: InstanceRecord = {
      id: randomUUID(),
      definitionId: definition.id,
      businessKey,
      startTime: this.now(),
      endTime: null,
      state: 'ACTIVE',
      variables: new Map(variables),
    };
    this.data().instances.set(instance.id, instance);
    // The first execution of an instance IS the instance (same id), as in Operaton.
    this.enter(instance, definition.graph.startEventId, instance.id);
    this.finishIfDone(instance);
    return instance;
  }

  /** A user or external task's activity completed with `variables`. */
  complete(activity: ActivityRecord, variables: ReadonlyMap<string, StoredValue>): void {
    const instance = this.instance(activity.instanceId);
    this.setVariables(instance, activity, variables);
    this.removeActivity(activity, 'completed');
    const body = activity.bodyId === null ? null : this.data().activities.get(activity.bodyId);
    if (body) this.innerInstanceCompleted(instance, body, activity);
    else this.leave(instance, activity.activityId, activity.executionId);
    this.finishIfDone(instance);
  }

  /** A BPMN error thrown by an external task: caught by a matching error boundary, else the execution ends. */
  throwError(
    activity: ActivityRecord,
    errorCode: string,
    variables: ReadonlyMap<string, StoredValue>,
  ) {
    const instance = this.instance(activity.instanceId);
    this.setVariables(instance, activity, variables);
    const target =
      activity.bodyId === null ? activity : this.data().activities.get(activity.bodyId);
    const boundary = [...this.graph(instance).elements.values()].find(
      (element) =>
        element.kind === 'errorBoundary' &&
        element.attachedTo === activity.activityId &&
        (element.errorCode === null || element.errorCode === errorCode),
    );
    this.cancel(target ?? activity);
    if (boundary) this.leave(instance, boundary.id, (target ?? activity).executionId);
    this.finishIfDone(instance);
  }

  fireTimer(timerId: string): void {
    const timer = this.data().timers.get(timerId);
    if (!timer) return;
    this.data().timers.delete(timerId);
    const instance = this.instance(timer.instanceId);
    const attached = this.data().activities.get(timer.attachedActivityInstanceId);
    const boundary = this.graph(instance).elements.get(timer.boundaryEventId);
    if (!attached || boundary?.kind !== 'timerBoundary') return;
    const executionId = attached.continueExecutionId ?? attached.executionId;
    if (boundary.cancelActivity) {
      this.cancel(attached);
      this.leave(instance, boundary.id, executionId);
    } else {
      this.leave(instance, boundary.id, randomUUID());
    }
    this.finishIfDone(instance);
  }

  private instance(id: string): InstanceRecord {
    const instance = this.data().instances.get(id);
    if (!instance) throw engineFailure(`process instance ${id} does not exist`);
    return instance;
  }

  private graph(instance: InstanceRecord): ProcessGraph {
    return this.definition(instance.definitionId).graph;
  }

  private lookup(instance: InstanceRecord, activity: ActivityRecord | null) {
    return (name: string): JuelValue | undefined => {
      for (let scope = activity; scope;) {
        const local = scope.locals.get(name);
        if (local) return plainValue(local);
        scope = scope.bodyId === null ? null : (this.data().activities.get(scope.bodyId) ?? null);
      }
      const value = instance.variables.get(name);
      return value === undefined ? undefined : plainValue(value);
    };
  }

  private evaluate(source: string, instance: InstanceRecord, activity: ActivityRecord | null) {
    try {
      return evaluateJuel(source, this.lookup(instance, activity));
    } catch (error) {
      throw engineFailure(
        `Error while evaluating expression: ${source}. Cause: ${(error as Error).message}`,
      );
    }
  }

  private setVariables(
    instance: InstanceRecord,
    activity: ActivityRecord,
    variables: ReadonlyMap<string, StoredValue>,
  ) {
    for (const [name, value] of variables) {
      if (activity.locals.has(name)) activity.locals.set(name, value);
      else instance.variables.set(name, value);
    }
  }

  private enter(instance: InstanceRecord, elementId: string, executionId: string): void {
    const element = this.graph(instance).elements.get(elementId);
    if (!element) throw engineFailure(`no element ${elementId}`);
    switch (element.kind) {
      case 'startEvent':
        return this.leave(instance, element.id, executionId);
      case 'endEvent':
        return;
      case 'exclusiveGateway':
        return this.chooseOne(instance, element.id, executionId);
      case 'parallelGateway':
        return this.parallel(instance, element.id, executionId);
      case 'userTask':
        if (element.multiInstance) return this.startMultiInstance(instance, element, executionId);
        this.startActivity(instance, element, executionId, null, null);
        return;
      case 'externalTask':
        this.startActivity(instance, element, executionId, null, null);
        return;
      default:
        throw engineFailure(`a sequence flow cannot enter ${element.kind} ${element.id}`);
    }
  }

  /** Outgoing flows of an activity or event: every flow whose condition holds. */
  private leave(instance: InstanceRecord, elementId: string, executionId: string): void {
    const flows = (this.graph(instance).outgoing.get(elementId) ?? []).filter(
      (flow) => flow.condition === null || this.evaluate(flow.condition, instance, null) === true,
    );
    flows.forEach((flow, index) =>
      this.enter(instance, flow.target, index === 0 ? executionId : randomUUID()),
    );
  }

  private chooseOne(instance: InstanceRecord, gatewayId: string, executionId: string): void {
    const graph = this.graph(instance);
    const defaultFlowId = graph.defaultFlow.get(gatewayId);
    const flows = graph.outgoing.get(gatewayId) ?? [];
    const chosen =
      flows.find(
        (flow) =>
          flow.id !== defaultFlowId &&
          (flow.condition === null || this.evaluate(flow.condition, instance, null) === true),
      ) ?? flows.find((flow) => flow.id === defaultFlowId);
    if (!chosen) {
      throw engineFailure(
        `ENGINE-02004 No outgoing sequence flow for the element with id '${gatewayId}' could be selected for continuing the process.`,
      );
    }
    this.enter(instance, chosen.target, executionId);
  }

  private parallel(instance: InstanceRecord, gatewayId: string, executionId: string): void {
    const incoming = this.graph(instance).incomingCount.get(gatewayId) ?? 0;
    if (incoming > 1) {
      const key = `${instance.id}/${gatewayId}`;
      const arrived = (this.data().joins.get(key) ?? 0) + 1;
      if (arrived < incoming) {
        this.data().joins.set(key, arrived);
        return;
      }
      this.data().joins.delete(key);
    }
    const flows = this.graph(instance).outgoing.get(gatewayId) ?? [];
    flows.forEach((flow) =>
      this.enter(instance, flow.target, flows.length === 1 ? executionId : randomUUID()),
    );
  }

  private startMultiInstance(
    instance: InstanceRecord,
    element: UserTaskElement,
    executionId: string,
  ) {
    const spec = element.multiInstance;
    const cardinality = spec?.loopCardinality
      ? this.evaluate(spec.loopCardinality, instance, null)
      : null;
    const total = typeof cardinality === 'string' ? Number(cardinality) : cardinality;
    if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) {
      throw engineFailure(
        `Invalid number of instances: must be a non-negative integer value, but was ${String(cardinality)}`,
      );
    }
    if (total === 0) return this.leave(instance, element.id, executionId);
    const body: ActivityRecord = {
      id: randomUUID(),
      instanceId: instance.id,
      activityId: element.id,
      executionId: randomUUID(),
      kind: 'multiInstanceBody',
      bodyId: null,
      locals: new Map([
        ['nrOfInstances', integerValue(total)],
        ['nrOfActiveInstances', integerValue(spec?.sequential ? 1 : total)],
        ['nrOfCompletedInstances', integerValue(0)],
      ]),
      continueExecutionId: executionId,
      loop: { total, completed: 0, nextIndex: 0, sequential: spec?.sequential === true },
    };
    this.data().activities.set(body.id, body);
    this.createBoundaryTimers(instance, element.id, body);
    const firstBatch = body.loop?.sequential ? 1 : total;
    for (let index = 0; index < firstBatch; index += 1) this.startInner(instance, element, body);
  }

  private startInner(instance: InstanceRecord, element: UserTaskElement, body: ActivityRecord) {
    if (!body.loop) return;
    const index = body.loop.nextIndex;
    body.loop.nextIndex += 1;
    this.startActivity(instance, element, randomUUID(), body.id, index);
  }

  private innerInstanceCompleted(
    instance: InstanceRecord,
    body: ActivityRecord,
    inner: ActivityRecord,
  ) {
    const loop = body.loop;
    if (!loop) return;
    loop.completed += 1;
    const active = [...this.data().activities.values()].filter((a) => a.bodyId === body.id).length;
    body.locals.set('nrOfCompletedInstances', integerValue(loop.completed));
    body.locals.set('nrOfActiveInstances', integerValue(active));
    const element = this.graph(instance).elements.get(body.activityId) as UserTaskElement;
    const condition = element.multiInstance?.completionCondition;
    const conditionMet =
      condition !== null &&
      condition !== undefined &&
      this.evaluate(condition, instance, inner) === true;
    if (conditionMet || loop.completed >= loop.total) {
      this.cancel(body);
      this.leave(instance, body.activityId, body.continueExecutionId ?? body.executionId);
    } else if (loop.sequential && loop.nextIndex < loop.total) {
      this.startInner(instance, element, body);
    }
  }

  private startActivity(
    instance: InstanceRecord,
    element: Extract<Element, { kind: 'userTask' | 'externalTask' }>,
    executionId: string,
    bodyId: string | null,
    loopCounter: number | null,
  ): ActivityRecord {
    const activity: ActivityRecord = {
      id: randomUUID(),
      instanceId: instance.id,
      activityId: element.id,
      executionId,
      kind: element.kind,
      bodyId,
      locals: new Map(loopCounter === null ? [] : [['loopCounter', integerValue(loopCounter)]]),
      continueExecutionId: null,
      loop: null,
    };
    this.data().activities.set(activity.id, activity);
    const now = this.now();
    const base = {
      instanceId: instance.id,
      activityInstanceId: activity.id,
      executionId,
      activityId: element.id,
    };
    if (element.kind === 'userTask') {
      const groups =
        element.candidateGroups === null
          ? ''
          : String(this.evaluate(element.candidateGroups, instance, activity));
      const assignee =
        element.assignee === null ? null : this.evaluate(element.assignee, instance, activity);
      this.data().userTasks.set(activity.id, {
        ...base,
        id: activity.id,
        name: element.name,
        candidateGroups: groups
          .split(',')
          .map((group) => group.trim())
          .filter((group) => group !== ''),
        assignee: assignee === null ? null : String(assignee),
        created: now,
      });
    } else {
      this.data().externalTasks.set(activity.id, {
        ...base,
        id: activity.id,
        topic: element.topic,
        retries: null,
        workerId: null,
        lockExpiration: null,
        errorMessage: null,
        errorDetails: null,
        createTime: now,
      });
    }
    if (bodyId === null) this.createBoundaryTimers(instance, element.id, activity);
    return activity;
  }

  private createBoundaryTimers(
    instance: InstanceRecord,
    activityId: string,
    attached: ActivityRecord,
  ) {
    for (const element of this.graph(instance).elements.values()) {
      if (element.kind !== 'timerBoundary' || element.attachedTo !== activityId) continue;
      const duration = String(this.evaluate(element.timeDuration, instance, attached));
      const timerId = randomUUID();
      this.data().timers.set(timerId, {
        id: timerId,
        instanceId: instance.id,
        attachedActivityInstanceId: attached.id,
        boundaryEventId: element.id,
        dueAt: new Date(this.now().getTime() + parseIsoDuration(duration)),
      });
    }
  }

  /** Removes a waiting activity with its task, timers and (for a body) inner activities. */
  private cancel(activity: ActivityRecord): void {
    for (const inner of [...this.data().activities.values()]) {
      if (inner.bodyId === activity.id) this.removeActivity(inner, 'cancelled');
    }
    this.removeActivity(activity, 'cancelled');
  }

  private removeActivity(activity: ActivityRecord, how: 'completed' | 'cancelled'): void {
    removeActivityRecords(this.data(), activity, how, this.now());
  }

  private finishIfDone(instance: InstanceRecord): void {
    if (instance.state !== 'ACTIVE') return;
    const data = this.data();
    const waiting =
      [...data.activities.values()].some((activity) => activity.instanceId === instance.id) ||
      [...data.joins.keys()].some((key) => key.startsWith(`${instance.id}/`));
    if (waiting) return;
    instance.state = 'COMPLETED';
    instance.endTime = this.now();
  }
}
