import type { LocalizedMessage } from './error-body';

interface StatusText {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

/** Error codes and generic messages for statuses raised by Nest or Express rather than by our code. */
const STATUS_TEXT: Readonly<Record<number, StatusText>> = {
  400: { code: 'BAD_REQUEST', zh: '请求无效', en: 'Bad request' },
  401: { code: 'UNAUTHORIZED', zh: '需要登录', en: 'Authentication required' },
  403: { code: 'FORBIDDEN', zh: '无权访问', en: 'Forbidden' },
  404: { code: 'NOT_FOUND', zh: '未找到', en: 'Not found' },
  405: { code: 'METHOD_NOT_ALLOWED', zh: '不支持该请求方法', en: 'Method not allowed' },
  406: { code: 'NOT_ACCEPTABLE', zh: '无法提供所需格式', en: 'Not acceptable' },
  408: { code: 'REQUEST_TIMEOUT', zh: '请求超时', en: 'Request timeout' },
  409: { code: 'CONFLICT', zh: '数据冲突，请刷新后重试', en: 'Conflict' },
  410: { code: 'GONE', zh: '资源已不存在', en: 'Gone' },
  413: { code: 'PAYLOAD_TOO_LARGE', zh: '请求体过大', en: 'Payload too large' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', zh: '不支持的内容类型', en: 'Unsupported media type' },
  422: { code: 'UNPROCESSABLE_ENTITY', zh: '无法处理的请求', en: 'Unprocessable entity' },
  429: { code: 'TOO_MANY_REQUESTS', zh: '请求过于频繁，请稍后再试', en: 'Too many requests' },
  500: { code: 'INTERNAL_ERROR', zh: '服务器内部错误', en: 'Internal server error' },
  502: { code: 'BAD_GATEWAY', zh: '上游服务错误', en: 'Bad gateway' },
  503: { code: 'SERVICE_UNAVAILABLE', zh: '服务暂不可用', en: 'Service unavailable' },
  504: { code: 'GATEWAY_TIMEOUT', zh: '上游服务超时', en: 'Gateway timeout' },
};

/** The error code and generic message for a status; unknown statuses fall back to their class. */
export function describeStatus(status: number): { code: string; message: LocalizedMessage } {
  const text = STATUS_TEXT[status] ?? STATUS_TEXT[status >= 500 ? 500 : 400];
  const { code, zh, en } = text ?? { code: 'ERROR', zh: '错误', en: 'Error' };
  return { code, message: { zh, en } };
}
