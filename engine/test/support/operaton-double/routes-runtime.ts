import type { DoubleEngine } from './double-engine';
import {
  definitionDto,
  deploymentDto,
  historicInstanceDto,
  instanceDto,
  restDate,
  taskDto,
  variablesDto,
} from './dto';
import { badRequest, EngineRestError, notFound, type InstanceRecord } from './engine-state';
import type { Route } from './http';
import {
  jsonObject,
  onlyFields,
  onlyParams,
  optionalString,
  page,
  queryList,
  sorted,
} from './request-checks';
import { parseVariables, STRING_COLUMN_LIMIT, toRest } from './typed-values';

const ok = (body: unknown) => ({ status: 200, body });

function instanceOr404(engine: DoubleEngine, id: string | undefined): InstanceRecord {
  const instance = engine.data.instances.get(id ?? '');
  if (!instance) throw notFound(`Process instance with id ${id} does not exist`);
  return instance;
}

function checkStringColumns(variables: ReturnType<typeof parseVariables>): void {
  for (const [name, value] of variables) {
    if (
      value.type === 'String' &&
      typeof value.value === 'string' &&
      value.value.length > STRING_COLUMN_LIMIT
    ) {
      throw new EngineRestError(
        500,
        'ProcessEngineException',
        `value too long for the text column of variable ${name}`,
      );
    }
  }
}

/** Repository, process instance, history, variable and user task resources of engine-rest. */
export function runtimeRoutes(engine: DoubleEngine): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/deployment\/create$/,
      consumes: 'multipart',
      handle: async ({ parts }) => {
        const field = (name: string) =>
          parts.find((part) => part.name === name && part.filename === null)?.text ?? null;
        const flag = (name: string) => field(name) === 'true';
        const resources = new Map(
          parts
            .filter((part) => part.filename !== null)
            .map((part) => [part.filename ?? '', part.text]),
        );
        if (resources.size === 0)
          throw badRequest('No deployment resources contained in the form upload.');
        if (field('tenant-id') !== null)
          throw badRequest('[double] our deployments carry no tenant');
        const outcome = await engine.deploy({
          name: field('deployment-name'),
          source: field('deployment-source'),
          duplicateFiltering: flag('enable-duplicate-filtering'),
          changedOnly: flag('deploy-changed-only'),
          resources,
        });
        return ok(deploymentDto(outcome.deployment, outcome.created));
      },
    },
    {
      method: 'GET',
      pattern: /^\/process-definition\/key\/([^/]+)$/,
      consumes: 'none',
      handle: ({ params }) => {
        const definition = engine.latestDefinition(params[0] ?? '');
        if (!definition)
          throw notFound(`No matching process definition with key: ${params[0]} and no tenant-id`);
        return ok(definitionDto(definition));
      },
    },
    {
      method: 'POST',
      pattern: /^\/process-definition\/key\/([^/]+)\/start$/,
      consumes: 'json',
      handle: ({ params, json }) => {
        const body = jsonObject(json, 'StartProcessInstanceDto');
        onlyFields(
          body,
          [
            'businessKey',
            'variables',
            'withVariablesInReturn',
            'caseInstanceId',
            'startInstructions',
            'skipCustomListeners',
            'skipIoMappings',
          ],
          'StartProcessInstanceDto',
        );
        const variables = parseVariables(body['variables']);
        checkStringColumns(variables);
        const instance = engine.startByKey(
          params[0] ?? '',
          optionalString(body, 'businessKey'),
          variables,
        );
        const withVariables = body['withVariablesInReturn'] === true;
        return ok({
          ...instanceDto(instance),
          ...(withVariables ? { variables: variablesDto(instance.variables) } : {}),
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/process-instance$/,
      consumes: 'none',
      handle: ({ query }) => {
        onlyParams(query, [
          'businessKey',
          'processDefinitionKey',
          'processInstanceIds',
          'firstResult',
          'maxResults',
        ]);
        const ids = query.get('processInstanceIds')?.split(',') ?? null;
        const matches = [...engine.data.instances.values()].filter(
          (instance) =>
            instance.state === 'ACTIVE' &&
            (ids === null || ids.includes(instance.id)) &&
            (!query.has('businessKey') || instance.businessKey === query.get('businessKey')) &&
            (!query.has('processDefinitionKey') ||
              engine.definitionById(instance.definitionId).key ===
                query.get('processDefinitionKey')),
        );
        return ok(page(matches, query).map(instanceDto));
      },
    },
    {
      method: 'GET',
      pattern: /^\/process-instance\/([^/]+)$/,
      consumes: 'none',
      handle: ({ params }) => {
        const instance = instanceOr404(engine, params[0]);
        if (instance.state !== 'ACTIVE')
          throw notFound(`Process instance with id ${params[0]} does not exist`);
        return ok(instanceDto(instance));
      },
    },
    {
      method: 'GET',
      pattern: /^\/process-instance\/([^/]+)\/variables$/,
      consumes: 'none',
      handle: ({ params, query }) => {
        onlyParams(query, ['deserializeValues']);
        const instance = engine.data.instances.get(params[0] ?? '');
        if (!instance || instance.state !== 'ACTIVE') {
          throw new EngineRestError(
            500,
            'RestException',
            `Cannot get process instance variables: execution ${params[0]} doesn't exist`,
          );
        }
        return ok(variablesDto(instance.variables));
      },
    },
    {
      method: 'GET',
      pattern: /^\/history\/process-instance\/([^/]+)$/,
      consumes: 'none',
      handle: ({ params }) => ok(historicInstanceDto(engine, historicOr404(engine, params[0]))),
    },
    {
      method: 'GET',
      pattern: /^\/history\/process-instance$/,
      consumes: 'none',
      handle: ({ query }) => {
        onlyParams(query, [
          'processInstanceBusinessKey',
          'processDefinitionKey',
          'sortBy',
          'sortOrder',
          'firstResult',
          'maxResults',
        ]);
        const matches = [...engine.data.instances.values()]
          .filter(
            (instance) =>
              (!query.has('processInstanceBusinessKey') ||
                instance.businessKey === query.get('processInstanceBusinessKey')) &&
              (!query.has('processDefinitionKey') ||
                engine.definitionById(instance.definitionId).key ===
                  query.get('processDefinitionKey')),
          )
          .sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
        return ok(
          page(sorted(matches, query), query).map((instance) =>
            historicInstanceDto(engine, instance),
          ),
        );
      },
    },
    {
      method: 'GET',
      pattern: /^\/history\/variable-instance$/,
      consumes: 'none',
      handle: ({ query }) => {
        onlyParams(query, ['processInstanceId', 'deserializeValues', 'firstResult', 'maxResults']);
        const instance = engine.data.instances.get(query.get('processInstanceId') ?? '');
        const rows = instance
          ? [...instance.variables].map(([name, value]) => ({
              id: `${instance.id}/${name}`,
              name,
              ...toRest(value),
              processDefinitionKey: engine.definitionById(instance.definitionId).key,
              processInstanceId: instance.id,
              executionId: instance.id,
              // Process-level variables live in the root activity instance, whose id is the instance's.
              activityInstanceId: instance.id,
              state: 'CREATED',
              createTime: restDate(instance.startTime),
            }))
          : [];
        return ok(page(rows, query));
      },
    },
    {
      method: 'GET',
      pattern: /^\/task\/([^/]+)\/variables\/([^/]+)$/,
      consumes: 'none',
      handle: ({ params, query }) => {
        onlyParams(query, ['deserializeValue']);
        const value = engine.taskVariable(params[0] ?? '', params[1] ?? '');
        return ok(toRest(value));
      },
    },
    {
      method: 'GET',
      pattern: /^\/task$/,
      consumes: 'none',
      handle: ({ query }) => {
        onlyParams(query, [
          'processInstanceId',
          'processInstanceIdIn',
          'sortBy',
          'sortOrder',
          'firstResult',
          'maxResults',
        ]);
        const single = query.get('processInstanceId');
        const many = queryList(query, 'processInstanceIdIn');
        const tasks = [...engine.data.userTasks.values()]
          .filter(
            (task) =>
              (single === null || task.instanceId === single) &&
              (many === null || many.includes(task.instanceId)),
          )
          .sort((a, b) => a.created.getTime() - b.created.getTime());
        return ok(page(sorted(tasks, query), query).map((task) => taskDto(engine, task)));
      },
    },
    {
      method: 'GET',
      pattern: /^\/task\/([^/]+)\/identity-links$/,
      consumes: 'none',
      handle: ({ params, query }) => {
        onlyParams(query, ['type']);
        const task = engine.data.userTasks.get(params[0] ?? '');
        if (!task) throw notFound(`No task found with id ${params[0]}`);
        const links = [
          ...task.candidateGroups.map((groupId) => ({ userId: null, groupId, type: 'candidate' })),
          ...(task.assignee === null
            ? []
            : [{ userId: task.assignee, groupId: null, type: 'assignee' }]),
        ];
        const type = query.get('type');
        return ok(links.filter((link) => type === null || link.type === type));
      },
    },
    {
      method: 'POST',
      pattern: /^\/task\/([^/]+)\/complete$/,
      consumes: 'json',
      handle: ({ params, json }) => {
        const body = jsonObject(json, 'CompleteTaskDto');
        onlyFields(body, ['variables', 'withVariablesInReturn'], 'CompleteTaskDto');
        const variables = parseVariables(body['variables']);
        checkStringColumns(variables);
        engine.completeUserTask(params[0] ?? '', variables);
        return { status: 204 };
      },
    },
  ];
}

function historicOr404(engine: DoubleEngine, id: string | undefined): InstanceRecord {
  const instance = engine.data.instances.get(id ?? '');
  if (!instance) throw notFound(`Historic process instance with id ${id} does not exist`);
  return instance;
}
