import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError } from '../errors';
import { inspectBody } from './body-inspection';
import { inspectQuery } from './query-inspection';

/**
 * Refuses hostile shapes before any handler, pipe or mongoose filter sees them
 * (SECURITY.md 6, 7, 10). Runs after `jsonBodyMiddleware` so `req.body` is parsed.
 */
export function hostileInputMiddleware(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    // Express 5 computes req.query with the 'simple' parser on each access: strings only.
    const problem = inspectQuery(req.query) ?? inspectBody(req.body);
    next(problem ? new ApiError(400, problem.code, [problem]) : undefined);
  };
}
