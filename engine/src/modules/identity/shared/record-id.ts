import { ApiError } from '../../../common/errors';

/** The one answer for "no such record" and "not yours": the same 404, so ids reveal nothing. */
export function recordNotFound(what: { zh: string; en: string }): ApiError {
  return ApiError.single(404, 'NOT_FOUND', '', {
    zh: `${what.zh}不存在`,
    en: `${what.en} not found`,
  });
}
