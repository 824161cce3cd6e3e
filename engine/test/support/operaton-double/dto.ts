import type { DoubleEngine } from './double-engine';
import type {
  DefinitionRecord,
  DeploymentRecord,
  ExternalTaskRecord,
  IncidentRecord,
  InstanceRecord,
  UserTaskRecord,
} from './engine-state';
import { type StoredValue, toRest } from './typed-values';

/** engine-rest's date format `yyyy-MM-dd'T'HH:mm:ss.SSSZ` (offset without a colon). */
export function restDate(date: Date | null): string | null {
  return date === null ? null : date.toISOString().replace(/Z$/, '+0000');
}

export function variablesDto(variables: ReadonlyMap<string, StoredValue>) {
  return Object.fromEntries([...variables].map(([name, value]) => [name, toRest(value)]));
}

export function definitionDto(definition: DefinitionRecord) {
  return {
    id: definition.id,
    key: definition.key,
    category: 'https://sentinel.example/bpmn',
    description: null,
    name: definition.graph.name,
    version: definition.version,
    resource: definition.resourceName,
    deploymentId: definition.deploymentId,
    diagram: null,
    suspended: false,
    tenantId: null,
    versionTag: null,
    historyTimeToLive: 180,
    startableInTasklist: true,
  };
}

export function deploymentDto(deployment: DeploymentRecord, created: DefinitionRecord[] | null) {
  return {
    links: [],
    id: deployment.id,
    name: deployment.name,
    source: deployment.source,
    deploymentTime: restDate(deployment.deploymentTime),
    tenantId: null,
    deployedProcessDefinitions:
      created === null || created.length === 0
        ? null
        : Object.fromEntries(
            created.map((definition) => [definition.id, definitionDto(definition)]),
          ),
    deployedCaseDefinitions: null,
    deployedDecisionDefinitions: null,
    deployedDecisionRequirementsDefinitions: null,
  };
}

export function instanceDto(instance: InstanceRecord) {
  return {
    links: [],
    id: instance.id,
    definitionId: instance.definitionId,
    businessKey: instance.businessKey,
    caseInstanceId: null,
    ended: instance.state !== 'ACTIVE',
    suspended: false,
    tenantId: null,
  };
}

export function historicInstanceDto(engine: DoubleEngine, instance: InstanceRecord) {
  const definition = engine.definitionById(instance.definitionId);
  return {
    id: instance.id,
    businessKey: instance.businessKey,
    processDefinitionId: definition.id,
    processDefinitionKey: definition.key,
    processDefinitionName: definition.graph.name,
    processDefinitionVersion: definition.version,
    startTime: restDate(instance.startTime),
    endTime: restDate(instance.endTime),
    removalTime: null,
    durationInMillis:
      instance.endTime === null ? null : instance.endTime.getTime() - instance.startTime.getTime(),
    startUserId: null,
    startActivityId: definition.graph.startEventId,
    deleteReason: null,
    rootProcessInstanceId: instance.id,
    superProcessInstanceId: null,
    superCaseInstanceId: null,
    caseInstanceId: null,
    tenantId: null,
    state: instance.state,
  };
}

export function taskDto(engine: DoubleEngine, task: UserTaskRecord) {
  const instance = engine.data.instances.get(task.instanceId);
  return {
    id: task.id,
    name: task.name,
    assignee: task.assignee,
    owner: null,
    created: restDate(task.created),
    lastUpdated: null,
    due: null,
    followUp: null,
    delegationState: null,
    description: null,
    executionId: task.executionId,
    parentTaskId: null,
    priority: 50,
    processDefinitionId: instance?.definitionId ?? null,
    processInstanceId: task.instanceId,
    caseExecutionId: null,
    caseDefinitionId: null,
    caseInstanceId: null,
    taskDefinitionKey: task.activityId,
    suspended: false,
    formKey: null,
    camundaFormRef: null,
    tenantId: null,
  };
}

function definitionOf(engine: DoubleEngine, instanceId: string): DefinitionRecord | null {
  const instance = engine.data.instances.get(instanceId);
  return instance ? engine.definitionById(instance.definitionId) : null;
}

export function externalTaskDto(engine: DoubleEngine, task: ExternalTaskRecord) {
  const definition = definitionOf(engine, task.instanceId);
  return {
    activityId: task.activityId,
    activityInstanceId: task.activityInstanceId,
    errorMessage: task.errorMessage,
    executionId: task.executionId,
    id: task.id,
    lockExpirationTime: restDate(task.lockExpiration),
    createTime: restDate(task.createTime),
    processDefinitionId: definition?.id ?? null,
    processDefinitionKey: definition?.key ?? null,
    processDefinitionVersionTag: null,
    processInstanceId: task.instanceId,
    retries: task.retries,
    suspended: false,
    workerId: task.workerId,
    topicName: task.topic,
    tenantId: null,
    priority: 0,
    businessKey: engine.data.instances.get(task.instanceId)?.businessKey ?? null,
  };
}

export function lockedExternalTaskDto(
  engine: DoubleEngine,
  task: ExternalTaskRecord,
  variableNames: readonly string[] | null,
) {
  const { suspended: _suspended, ...dto } = externalTaskDto(engine, task);
  const variables =
    engine.data.instances.get(task.instanceId)?.variables ?? new Map<string, StoredValue>();
  const selected = new Map(
    [...variables].filter(([name]) => variableNames === null || variableNames.includes(name)),
  );
  return {
    ...dto,
    errorDetails: task.errorDetails,
    variables: variablesDto(selected),
    extensionProperties: {},
  };
}

export function incidentDto(engine: DoubleEngine, incident: IncidentRecord) {
  return {
    id: incident.id,
    processDefinitionId: definitionOf(engine, incident.instanceId)?.id ?? null,
    processInstanceId: incident.instanceId,
    executionId: incident.executionId,
    incidentTimestamp: restDate(incident.createTime),
    incidentType: 'failedExternalTask',
    activityId: incident.activityId,
    failedActivityId: incident.activityId,
    causeIncidentId: incident.id,
    rootCauseIncidentId: incident.id,
    configuration: incident.externalTaskId,
    tenantId: null,
    incidentMessage: incident.message,
    jobDefinitionId: null,
    annotation: null,
  };
}

export function historicIncidentDto(engine: DoubleEngine, incident: IncidentRecord) {
  const definition = definitionOf(engine, incident.instanceId);
  const { incidentTimestamp, ...rest } = incidentDto(engine, incident);
  return {
    ...rest,
    processDefinitionKey: definition?.key ?? null,
    rootProcessInstanceId: incident.instanceId,
    createTime: incidentTimestamp,
    endTime: restDate(incident.endTime),
    removalTime: null,
    historyConfiguration: null,
    open: incident.endTime === null,
    deleted: incident.deleted,
    resolved: incident.resolved,
  };
}
