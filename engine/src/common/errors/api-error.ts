import { HttpException } from '@nestjs/common';
import type { ErrorBody, ErrorDetail } from './error-body';

/** An HTTP failure already in the public error shape; the exception filter sends it unchanged. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly details: readonly ErrorDetail[],
  ) {
    super({ statusCode: status, error: code, errors: details } satisfies ErrorBody, status);
  }

  /** The common case: one problem whose code is also the error's code. */
  static single(
    status: number,
    code: string,
    path: string,
    message: ErrorDetail['message'],
  ): ApiError {
    return new ApiError(status, code, [{ path, code, message }]);
  }
}
