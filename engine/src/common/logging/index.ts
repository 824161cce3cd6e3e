/** What the rest of the engine may import from `common/logging/` (ADR 0015); the rest is internal. */
export { httpLoggerMiddleware, requestLoggerContext } from './http-logger.middleware';
export { createRootLogger } from './root-logger';
export { LoggingModule } from './logging.module';
