import type { DoubleEngine, FetchTopic } from './double-engine';
import { externalTaskDto, historicIncidentDto, incidentDto, lockedExternalTaskDto } from './dto';
import { badRequest, type IncidentRecord } from './engine-state';
import type { Route } from './http';
import {
  jsonObject,
  onlyFields,
  onlyParams,
  optionalString,
  page,
  queryFlag,
  queryList,
  requiredInteger,
  sorted,
} from './request-checks';
import { parseVariables } from './typed-values';

/** engine-rest caps long polling at 30 minutes. */
const MAX_ASYNC_RESPONSE_TIMEOUT = 1_800_000;
const TOPIC_FIELDS = [
  'topicName',
  'lockDuration',
  'variables',
  'localVariables',
  'businessKey',
  'processDefinitionId',
  'processDefinitionIdIn',
  'processDefinitionKey',
  'processDefinitionKeyIn',
  'processDefinitionVersionTag',
  'withoutTenantId',
  'tenantIdIn',
  'processVariables',
  'deserializeValues',
  'includeExtensionProperties',
];

function parseTopics(raw: unknown): {
  topics: FetchTopic[];
  variableNames: Map<string, string[] | null>;
} {
  if (!Array.isArray(raw)) throw badRequest('topics must be an array');
  const variableNames = new Map<string, string[] | null>();
  const topics = raw.map((entry: unknown) => {
    const topic = jsonObject(entry, 'FetchExternalTaskTopicDto');
    onlyFields(topic, TOPIC_FIELDS, 'FetchExternalTaskTopicDto');
    const topicName = optionalString(topic, 'topicName');
    if (topicName === null) throw badRequest('topicName is mandatory');
    const variables = topic['variables'];
    variableNames.set(topicName, Array.isArray(variables) ? variables.map(String) : null);
    return { topicName, lockDuration: requiredInteger(topic, 'lockDuration', 1) };
  });
  return { topics, variableNames };
}

async function fetchAndLock(engine: DoubleEngine, json: unknown) {
  const body = jsonObject(json, 'FetchExternalTasksExtendedDto');
  onlyFields(
    body,
    ['workerId', 'maxTasks', 'usePriority', 'asyncResponseTimeout', 'topics', 'sorting'],
    'FetchExternalTasksExtendedDto',
  );
  const workerId = optionalString(body, 'workerId');
  if (workerId === null) throw badRequest('workerId is mandatory');
  const maxTasks = requiredInteger(body, 'maxTasks', 0);
  const timeout =
    body['asyncResponseTimeout'] === undefined
      ? 0
      : requiredInteger(body, 'asyncResponseTimeout', 0);
  if (timeout > MAX_ASYNC_RESPONSE_TIMEOUT) {
    throw badRequest(
      `The asynchronous response timeout cannot be set to a value greater than ${MAX_ASYNC_RESPONSE_TIMEOUT} milliseconds`,
    );
  }
  const { topics, variableNames } = parseTopics(body['topics']);
  const deadline = Date.now() + timeout;
  let locked = engine.fetchAndLock(workerId, maxTasks, topics);
  // Long polling: hold the request until a task becomes available or the timeout passes.
  while (locked.length === 0 && Date.now() < deadline) {
    const change = engine.nextChange();
    const timer = setTimeout(() => engine.wakeAll(), deadline - Date.now());
    await change.promise;
    clearTimeout(timer);
    change.cancel();
    if (engine.closed) break;
    locked = engine.fetchAndLock(workerId, maxTasks, topics);
  }
  return locked.map((task) =>
    lockedExternalTaskDto(engine, task, variableNames.get(task.topic) ?? null),
  );
}

function filteredIncidents(
  engine: DoubleEngine,
  query: URLSearchParams,
  history: boolean,
): IncidentRecord[] {
  const keys = queryList(query, 'processDefinitionKeyIn');
  const [open, resolved, deleted] = ['open', 'resolved', 'deleted'].map((name) =>
    history ? queryFlag(query, name) : null,
  );
  const type = query.get('incidentType');
  const matches = [...engine.data.incidents.values()]
    .filter((incident) => history || incident.endTime === null)
    .filter(
      (incident) =>
        (!query.has('incidentId') || incident.id === query.get('incidentId')) &&
        (type === null || type === 'failedExternalTask') &&
        (!query.has('processInstanceId') ||
          incident.instanceId === query.get('processInstanceId')) &&
        (!query.has('configuration') || incident.externalTaskId === query.get('configuration')) &&
        (keys === null || keys.includes(definitionKey(engine, incident))) &&
        (open !== true || incident.endTime === null) &&
        (resolved !== true || incident.resolved) &&
        (deleted !== true || incident.deleted),
    )
    .sort((a, b) => a.createTime.getTime() - b.createTime.getTime());
  return sorted(matches, query);
}

function definitionKey(engine: DoubleEngine, incident: IncidentRecord): string {
  const instance = engine.data.instances.get(incident.instanceId);
  return instance ? engine.definitionById(instance.definitionId).key : '';
}

const INCIDENT_PARAMS = [
  'incidentId',
  'incidentType',
  'processInstanceId',
  'configuration',
  'processDefinitionKeyIn',
  'sortBy',
  'sortOrder',
  'firstResult',
  'maxResults',
];

/** External task resources (those camunda-external-task-client-js calls) and incidents. */
export function externalTaskRoutes(engine: DoubleEngine): Route[] {
  const noContent = { status: 204 };
  return [
    {
      method: 'POST',
      pattern: /^\/external-task\/fetchAndLock$/,
      consumes: 'json',
      handle: async ({ json }) => ({ status: 200, body: await fetchAndLock(engine, json) }),
    },
    {
      method: 'GET',
      pattern: /^\/external-task\/([^/]+)$/,
      consumes: 'none',
      handle: ({ params }) => ({
        status: 200,
        body: externalTaskDto(engine, engine.externalTask(params[0] ?? '')),
      }),
    },
    {
      method: 'POST',
      pattern: /^\/external-task\/([^/]+)\/complete$/,
      consumes: 'json',
      handle: ({ params, json }) => {
        const body = jsonObject(json, 'CompleteExternalTaskDto');
        onlyFields(body, ['workerId', 'variables', 'localVariables'], 'CompleteExternalTaskDto');
        engine.completeExternalTask(
          params[0] ?? '',
          body['workerId'],
          parseVariables(body['variables']),
        );
        return noContent;
      },
    },
    {
      method: 'POST',
      pattern: /^\/external-task\/([^/]+)\/failure$/,
      consumes: 'json',
      handle: ({ params, json }) => {
        const body = jsonObject(json, 'ExternalTaskFailureDto');
        onlyFields(
          body,
          [
            'workerId',
            'errorMessage',
            'errorDetails',
            'retries',
            'retryTimeout',
            'variables',
            'localVariables',
          ],
          'ExternalTaskFailureDto',
        );
        engine.handleFailure(params[0] ?? '', body['workerId'], {
          errorMessage: optionalString(body, 'errorMessage'),
          errorDetails: optionalString(body, 'errorDetails'),
          retries: requiredInteger(body, 'retries', 0),
          retryTimeout: requiredInteger(body, 'retryTimeout', 0),
        });
        return noContent;
      },
    },
    {
      method: 'POST',
      pattern: /^\/external-task\/([^/]+)\/bpmnError$/,
      consumes: 'json',
      handle: ({ params, json }) => {
        const body = jsonObject(json, 'ExternalTaskBpmnError');
        onlyFields(
          body,
          ['workerId', 'errorCode', 'errorMessage', 'variables'],
          'ExternalTaskBpmnError',
        );
        const errorCode = optionalString(body, 'errorCode');
        if (errorCode === null) throw badRequest('errorCode is mandatory');
        engine.bpmnError(
          params[0] ?? '',
          body['workerId'],
          errorCode,
          parseVariables(body['variables']),
        );
        return noContent;
      },
    },
    {
      method: 'POST',
      pattern: /^\/external-task\/([^/]+)\/extendLock$/,
      consumes: 'json',
      handle: ({ params, json }) => {
        const body = jsonObject(json, 'ExtendLockOnExternalTaskDto');
        onlyFields(body, ['workerId', 'newDuration'], 'ExtendLockOnExternalTaskDto');
        engine.extendLock(
          params[0] ?? '',
          body['workerId'],
          requiredInteger(body, 'newDuration', 1),
        );
        return noContent;
      },
    },
    {
      method: 'POST',
      pattern: /^\/external-task\/([^/]+)\/unlock$/,
      consumes: 'optional-json',
      handle: ({ params }) => {
        engine.unlock(params[0] ?? '');
        return noContent;
      },
    },
    {
      method: 'PUT',
      pattern: /^\/external-task\/([^/]+)\/retries$/,
      consumes: 'json',
      handle: ({ params, json }) => {
        const body = jsonObject(json, 'RetriesDto');
        onlyFields(body, ['retries'], 'RetriesDto');
        engine.setRetries(params[0] ?? '', requiredInteger(body, 'retries', 0));
        return noContent;
      },
    },
    {
      method: 'GET',
      pattern: /^\/incident$/,
      consumes: 'none',
      handle: ({ query }) => {
        onlyParams(query, INCIDENT_PARAMS);
        return {
          status: 200,
          body: page(filteredIncidents(engine, query, false), query).map((i) =>
            incidentDto(engine, i),
          ),
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/incident\/count$/,
      consumes: 'none',
      handle: ({ query }) => {
        onlyParams(query, INCIDENT_PARAMS);
        return { status: 200, body: { count: filteredIncidents(engine, query, false).length } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/history\/incident$/,
      consumes: 'none',
      handle: ({ query }) => {
        onlyParams(query, [...INCIDENT_PARAMS, 'open', 'resolved', 'deleted']);
        return {
          status: 200,
          body: page(filteredIncidents(engine, query, true), query).map((i) =>
            historicIncidentDto(engine, i),
          ),
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/history\/incident\/count$/,
      consumes: 'none',
      handle: ({ query }) => {
        onlyParams(query, [...INCIDENT_PARAMS, 'open', 'resolved', 'deleted']);
        return { status: 200, body: { count: filteredIncidents(engine, query, true).length } };
      },
    },
  ];
}
