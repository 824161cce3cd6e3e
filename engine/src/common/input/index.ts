export { inspectBody } from './body-inspection';
export type { BodyLimits } from './body-inspection';
export { inspectQuery } from './query-inspection';
export { jsonBodyMiddleware } from './json-body.middleware';
export { hostileInputMiddleware } from './hostile-input.middleware';
export { appendPointer } from './json-pointer';
export { MAX_BODY_BYTES, MAX_BODY_DEPTH, MAX_BODY_FIELDS } from './input-limits';
