import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ApiError, describeStatus } from '../errors';
import type { ErrorBody, ErrorDetail } from '../errors';

/** Statuses carried by errors from Express and its body parsers (http-errors) rather than Nest. */
function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { status?: unknown; statusCode?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** The English text Nest put in an HttpException, when it is a plain message we may echo. */
function messageOf(exception: unknown): string | undefined {
  if (!(exception instanceof HttpException)) return undefined;
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message) && message.every((m) => typeof m === 'string'))
    return message.join('; ');
  return undefined;
}

/** Maps any exception to the one public error shape; never sends a stack trace or internal message. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof ApiError) return exception.getResponse() as ErrorBody;
  const status = statusOf(exception) ?? 500;
  const { code, message } = describeStatus(status);
  const detail = status < 500 ? messageOf(exception) : undefined;
  const entry: ErrorDetail = {
    path: '',
    code,
    message:
      detail === undefined || detail === message.en ? message : { zh: message.zh, en: detail },
  };
  return { statusCode: status, error: code, errors: [entry] };
}

/** Registered globally, so routing 404s, body-parser failures and handler errors all answer alike. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      // The stack goes to the log only; the client sees the generic message.
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }
}
