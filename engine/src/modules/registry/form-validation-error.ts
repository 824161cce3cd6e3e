import type { ValidationResult } from '@sentinel/definitions';
import { ApiError } from '../../common/errors';

/**
 * A failed validation as the one public error shape: 422, each issue with its JSON pointer
 * prefixed by where the values sit in the request body (e.g. `/values`).
 */
export function submissionRejected(result: ValidationResult, bodyPrefix = ''): ApiError {
  return new ApiError(
    422,
    'SUBMISSION_INVALID',
    result.errors.map((issue) => ({
      path: `${bodyPrefix}${issue.path}`,
      code: issue.code,
      message: issue.message,
    })),
  );
}
