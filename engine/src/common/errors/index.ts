export { ApiError } from './api-error';
export type { ErrorBody, ErrorDetail, LocalizedMessage } from './error-body';
export { describeStatus } from './http-status-codes';
export { validationErrorsToApiError } from './validation-errors';
export { ErrorBodyDto } from './error-body.dto';
