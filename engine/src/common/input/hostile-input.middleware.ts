import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError } from '../errors';
import { inspectBody } from './body-inspection';
import { MAX_BODY_DEPTH, MAX_DEFINITION_BODY_FIELDS } from './input-limits';
import { inspectQuery } from './query-inspection';

/**
 * Draft saves carry a whole definition: the patient visit report alone is ~840 JSON values
 * (titles in two languages, rules, golden cases). They get a larger field budget; the 1 MB cap
 * still bounds the work, and the definition's own checks limit a form to 500 fields.
 */
const DEFINITION_DRAFT = /^\/api\/admin\/(?:forms|dictionaries)\/[^/]+\/draft\/?$/;

function bodyLimitsFor(req: Request) {
  return req.method === 'PUT' && DEFINITION_DRAFT.test(req.path)
    ? { maxDepth: MAX_BODY_DEPTH, maxFields: MAX_DEFINITION_BODY_FIELDS }
    : undefined;
}

/**
 * Refuses hostile shapes before any handler, pipe or mongoose filter sees them
 * (SECURITY.md 6, 7, 10). Runs after `jsonBodyMiddleware` so `req.body` is parsed.
 */
export function hostileInputMiddleware(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    // Express 5 computes req.query with the 'simple' parser on each access: strings only.
    const problem = inspectQuery(req.query) ?? inspectBody(req.body, bodyLimitsFor(req));
    next(problem ? new ApiError(400, problem.code, [problem]) : undefined);
  };
}
