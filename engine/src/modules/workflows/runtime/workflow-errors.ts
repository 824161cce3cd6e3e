import { ApiError } from '../../../common/errors';

/** A problem found while linting a deployment: the JSON pointer or BPMN element it is about. */
export interface WorkflowLintProblem {
  /** JSON pointer into the workflow definition, e.g. `/bpmn` or `/userTasks/0/form`. */
  readonly path: string;
  /** BPMN element id the problem is about, when there is one. */
  readonly elementId?: string;
  readonly code: string;
  readonly message: { readonly zh: string; readonly en: string };
}

/** The task named is not open in the runtime (completed, cancelled or unknown). */
export class TaskNotOpenError extends Error {
  constructor(readonly runtimeTaskId: string) {
    super(`task ${runtimeTaskId} is not open`);
    this.name = 'TaskNotOpenError';
  }
}

/** Another command saved the instance first, and the retries allowed did not get through. */
export class InstanceConflictError extends Error {
  constructor(readonly instanceId: string) {
    super(`instance ${instanceId} changed concurrently`);
    this.name = 'InstanceConflictError';
  }
}

/** Variables that cannot become process variables (reserved or malformed names, not JSON); the message names the first. */
export class InvalidVariablesError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`process variable "${variable}" ${reason}`);
    this.name = 'InvalidVariablesError';
  }
}

/**
 * The process could not go on from this command (e.g. no gateway condition matched the values):
 * nothing was saved, the task stays open.
 */
export class InstanceExecutionError extends Error {
  constructor(
    readonly instanceId: string,
    cause: Error,
  ) {
    super(`instance ${instanceId} failed: ${cause.message}`);
    this.name = 'InstanceExecutionError';
  }
}

export class IncidentNotFoundError extends Error {
  constructor(readonly incidentId: string) {
    super(`incident ${incidentId} not found or already resolved`);
    this.name = 'IncidentNotFoundError';
  }
}

export class WorkflowNotDeployedError extends Error {
  constructor(readonly workflowKey: string) {
    super(`workflow ${workflowKey} is not deployed`);
    this.name = 'WorkflowNotDeployedError';
  }
}

/** HTTP answers of the workflow module, bilingual, with a field path. */
export const WorkflowErrors = {
  lintFailed: (problems: readonly WorkflowLintProblem[]) =>
    new ApiError(
      400,
      'WORKFLOW_INVALID',
      problems.map((p) => ({
        path: p.path,
        code: p.code,
        message: p.elementId === undefined ? p.message : withElement(p.message, p.elementId),
      })),
    ),
  workflowNotFound: (key: string) =>
    ApiError.single(404, 'WORKFLOW_NOT_FOUND', '/key', {
      zh: `流程 ${key} 不存在或未发布`,
      en: `Workflow ${key} does not exist or is not deployed`,
    }),
  versionNotNewer: (key: string, latest: number) =>
    ApiError.single(409, 'WORKFLOW_VERSION_CONFLICT', '/version', {
      zh: `流程 ${key} 的版本必须大于 ${latest}`,
      en: `Workflow ${key} needs a version above ${latest}`,
    }),
  taskNotFound: () =>
    ApiError.single(404, 'TASK_NOT_FOUND', '/id', {
      zh: '待办任务不存在',
      en: 'Task not found',
    }),
  taskNotOpen: () =>
    ApiError.single(409, 'TASK_NOT_OPEN', '/id', {
      zh: '该任务已办结或已取消',
      en: 'The task is already completed or cancelled',
    }),
  taskAssignedToOther: () =>
    ApiError.single(403, 'TASK_ASSIGNED_TO_OTHER', '/id', {
      zh: '该任务已由他人签收',
      en: 'The task is claimed by someone else',
    }),
  taskConflict: () =>
    ApiError.single(409, 'TASK_CONFLICT', '/id', {
      zh: '任务已被他人同时处理，请刷新后重试',
      en: 'The task was changed by someone else at the same time; reload and retry',
    }),
  actionNotOffered: (action: string, offered: readonly string[]) =>
    ApiError.single(422, 'ACTION_NOT_OFFERED', '/action', {
      zh: `此任务不能执行“${action}”，可选：${offered.join('、')}`,
      en: `Action "${action}" is not offered here; choose one of ${offered.join(', ')}`,
    }),
  reasonRequired: () =>
    ApiError.single(422, 'REASON_REQUIRED', '/reason', {
      zh: '驳回或退回必须填写原因',
      en: 'A reason is required to reject or return',
    }),
  incidentNotFound: () =>
    ApiError.single(404, 'INCIDENT_NOT_FOUND', '/id', {
      zh: '异常不存在或已处理',
      en: 'Incident not found or already resolved',
    }),
  variablesRefused: (message: string) =>
    ApiError.single(422, 'PROCESS_VARIABLES_REFUSED', '/values', {
      zh: `流程变量不合规：${message}`,
      en: `The values cannot become process variables: ${message}`,
    }),
  processCannotContinue: () =>
    ApiError.single(422, 'PROCESS_CANNOT_CONTINUE', '/action', {
      zh: '流程无法按此决定继续（没有匹配的流转条件），任务保持待办，请联系管理员检查流程定义',
      en: 'The process cannot continue with this decision (no matching flow); the task stays open — ask an administrator to check the workflow',
    }),
  processNotFound: () =>
    ApiError.single(404, 'PROCESS_NOT_FOUND', '/businessKey', {
      zh: '流程实例不存在',
      en: 'Process not found',
    }),
} as const;

function withElement(
  message: WorkflowLintProblem['message'],
  elementId: string,
): WorkflowLintProblem['message'] {
  return { zh: `${message.zh}（元素 ${elementId}）`, en: `${message.en} (element ${elementId})` };
}
