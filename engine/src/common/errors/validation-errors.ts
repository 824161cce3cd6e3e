import type { ValidationError } from 'class-validator';
import { ApiError } from './api-error';
import type { ErrorDetail } from './error-body';
import { appendPointer } from '../input/json-pointer';

/** class-validator speaks English only; these give the Chinese line for the constraints we use most. */
const ZH_BY_CONSTRAINT: Readonly<Record<string, string>> = {
  whitelistValidation: '不允许的字段',
  isDefined: '必填',
  isNotEmpty: '不能为空',
  isString: '应为文本',
  isInt: '应为整数',
  isNumber: '应为数字',
  isBoolean: '应为是/否',
  isEnum: '不在允许的取值中',
  isIn: '不在允许的取值中',
  isDateString: '应为日期',
  isISO8601: '应为日期',
  maxLength: '过长',
  minLength: '过短',
  min: '过小',
  max: '过大',
  matches: '格式不正确',
};

function collect(errors: readonly ValidationError[], parent: string, out: ErrorDetail[]): void {
  for (const error of errors) {
    const path = appendPointer(parent, error.property);
    for (const [code, en] of Object.entries(error.constraints ?? {})) {
      out.push({
        path,
        code,
        message: { zh: `${path}：${ZH_BY_CONSTRAINT[code] ?? '不符合要求'}`, en: `${path}: ${en}` },
      });
    }
    collect(error.children ?? [], path, out);
  }
}

/** ValidationPipe's exceptionFactory: every failed constraint becomes one entry with its field path. */
export function validationErrorsToApiError(errors: readonly ValidationError[]): ApiError {
  const details: ErrorDetail[] = [];
  collect(errors, '', details);
  return new ApiError(400, 'VALIDATION_FAILED', details);
}
