import { ApiError, type ErrorDetail } from '../../../common/errors';
import { appendPointer } from '../../../common/input';

/** Refusals of the task API not covered by `WorkflowErrors`, bilingual, with a field path. */
export const TaskErrors = {
  alreadyClaimed: () =>
    ApiError.single(409, 'TASK_CLAIMED', '/id', {
      zh: '该任务已被他人签收',
      en: 'The task is already claimed by someone else',
    }),
  notAssignee: () =>
    ApiError.single(403, 'TASK_NOT_ASSIGNEE', '/id', {
      zh: '只有签收人可以退回签收',
      en: 'Only the assignee may unclaim the task',
    }),
  readOnly: () =>
    ApiError.single(403, 'TASK_READ_ONLY', '/id', {
      zh: '抄送的任务只能查看和评论',
      en: 'A task copied to you can only be read and commented on',
    }),
  alreadySigned: () =>
    ApiError.single(409, 'TASK_ALREADY_SIGNED', '/id', {
      zh: '您已在本轮会签中签署过，不能重复签署',
      en: 'You already signed another share of this countersign round',
    }),
  noValuesExpected: () =>
    ApiError.single(422, 'TASK_TAKES_NO_VALUES', '/values', {
      zh: '此任务没有表单，不能提交表单数据',
      en: 'This task has no form; send no values',
    }),
  formUnavailable: (formKey: string) =>
    ApiError.single(409, 'TASK_FORM_UNAVAILABLE', '/values', {
      zh: `任务表单 ${formKey} 未发布，暂不能办理`,
      en: `The task form ${formKey} is not published; the task cannot be completed yet`,
    }),
  valuesInvalid: (details: readonly ErrorDetail[]) =>
    new ApiError(422, 'TASK_VALUES_INVALID', details),
  trustedVariable: (key: string) => {
    const path = appendPointer('/values', key);
    return ApiError.single(422, 'TASK_VALUE_RESERVED', path, {
      zh: `表单字段 ${key} 与流程自身使用的变量同名，不能由任务表单填写`,
      en: `${key} is a variable the process itself relies on; a task form may not set it`,
    });
  },
  personalValue: (path: string) =>
    ApiError.single(422, 'PERSONAL_VALUE_REFUSED', path, {
      zh: `任务表单不能包含个人信息（${path}）`,
      en: `Task forms may not carry personal data (${path})`,
    }),
  transferTarget: (why: 'unknown' | 'disabled' | 'ineligible' | 'same') =>
    ApiError.single(422, 'TRANSFER_TARGET_INVALID', '/userId', TRANSFER_REASONS[why]),
  ccTarget: (index: number, why: 'unknown' | 'disabled' | 'out-of-scope') =>
    ApiError.single(422, 'CC_TARGET_INVALID', `/userIds/${String(index)}`, CC_REASONS[why]),
  tooManyComments: (limit: number) =>
    ApiError.single(422, 'TOO_MANY_COMMENTS', '/text', {
      zh: `每个任务最多 ${String(limit)} 条评论`,
      en: `A task takes at most ${String(limit)} comments`,
    }),
  tooManyCc: (limit: number) =>
    ApiError.single(422, 'TOO_MANY_CC', '/userIds', {
      zh: `每个任务最多抄送 ${String(limit)} 人`,
      en: `A task can be copied to at most ${String(limit)} people`,
    }),
} as const;

const TRANSFER_REASONS = {
  unknown: { zh: '转交对象不存在', en: 'No such user to transfer to' },
  disabled: { zh: '转交对象的账号已停用', en: 'The account to transfer to is disabled' },
  ineligible: {
    zh: '转交对象没有办理此任务的角色或不在辖区内',
    en: 'That user lacks a role for this task or is outside its jurisdiction',
  },
  same: { zh: '任务已由该用户签收', en: 'The task is already assigned to that user' },
} as const;

const CC_REASONS = {
  unknown: { zh: '抄送对象不存在', en: 'No such user to copy' },
  disabled: { zh: '抄送对象的账号已停用', en: 'The account to copy is disabled' },
  'out-of-scope': {
    zh: '抄送对象不在此任务的辖区内，或与此流程无关',
    en: 'That user is outside the jurisdiction of this task or has no part in this process',
  },
} as const;
