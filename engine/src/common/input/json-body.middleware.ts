import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import { ApiError } from '../errors';
import { API_PREFIX } from '../http/api-prefix';
import { MAX_BODY_BYTES } from './input-limits';

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * The only routes that take a body other than JSON, each with the one media type it accepts.
 * Their handler parses it (multer for uploads, with its own limits); the hostile-input guard
 * still runs, on the empty body it sees here.
 */
const NON_JSON_ROUTES: readonly { method: string; path: string; type: string }[] = [
  { method: 'POST', path: `/${API_PREFIX}/files`, type: 'multipart/form-data' },
];

/** True when the request is a declared non-JSON route carrying that route's media type. */
function isExemptUpload(req: Request): boolean {
  const path = req.path.replace(/\/+$/, '') || '/';
  return NON_JSON_ROUTES.some(
    (route) =>
      req.method === route.method && path === route.path && typeof req.is(route.type) === 'string',
  );
}

const LIMIT_TEXT = {
  zh: `请求体不能超过 1 MB（${MAX_BODY_BYTES} 字节）`,
  en: `Body may not exceed 1 MB (${MAX_BODY_BYTES} bytes)`,
};

/** body-parser errors carry a `type`; map each to the public error shape instead of Express's HTML. */
function toApiError(error: { type?: string; status?: number }): ApiError {
  switch (error.type) {
    case 'entity.too.large':
      return ApiError.single(413, 'PAYLOAD_TOO_LARGE', '', LIMIT_TEXT);
    case 'entity.parse.failed':
      return ApiError.single(400, 'INVALID_JSON', '', {
        zh: '请求体不是有效的 JSON 对象或数组',
        en: 'Body is not a valid JSON object or array',
      });
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return ApiError.single(415, 'UNSUPPORTED_ENCODING', '', {
        zh: '请求体须为 UTF-8 编码的 JSON',
        en: 'Body must be UTF-8 encoded JSON',
      });
    default:
      return ApiError.single(400, 'INVALID_BODY', '', {
        zh: '无法读取请求体',
        en: 'The body could not be read',
      });
  }
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Replaces Nest's default parsers: JSON only (no urlencoded or text bodies for handlers to
 * misread), at most 1 MB, top level an object or array. Routes that take other media types
 * are listed in NON_JSON_ROUTES; every other non-JSON body is refused with 415.
 */
export function jsonBodyMiddleware(): RequestHandler {
  const parse = json({ limit: MAX_BODY_BYTES, strict: true, type: JSON_TYPES });
  return (req: Request, res: Response, next: NextFunction) => {
    if (isExemptUpload(req)) {
      next();
      return;
    }
    if (hasBody(req) && !req.is(JSON_TYPES)) {
      next(
        ApiError.single(415, 'UNSUPPORTED_MEDIA_TYPE', '', {
          zh: '请求体须为 JSON（Content-Type: application/json）',
          en: 'Body must be JSON (Content-Type: application/json)',
        }),
      );
      return;
    }
    parse(req, res, (error?: unknown) => {
      next(
        error === undefined || error === null ? undefined : toApiError(error as { type?: string }),
      );
    });
  };
}
