/** What the rest of the engine may import from `common/http/` (ADR 0015); the rest is internal. */
export { API_PREFIX } from './api-prefix';
export { ConnectionDrain } from './connection-drain';
export { mountFrontEnds } from './front-ends';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageQueryDto, pageWindow } from './pagination';
export type { Page } from './pagination';
export { securityHeaders } from './security-headers';
export { mountSwagger } from './swagger';
