import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { validationErrorsToApiError } from './common/errors';
import { AllExceptionsFilter } from './common/filters';
import {
  API_PREFIX,
  ConnectionDrain,
  mountFrontEnds,
  securityHeaders,
  mountSwagger,
} from './common/http';
import { hostileInputMiddleware, jsonBodyMiddleware } from './common/input';
import { httpLoggerMiddleware, requestLoggerContext } from './common/logging';
import type { AppConfig } from './config';

/**
 * Everything global about the HTTP surface, shared by main.ts and the e2e tests so they test
 * what runs. The app must be created with `bodyParser: false`. Order matters: log, headers,
 * parse, refuse hostile input, bind the request's logger, then front ends; Nest's routes and 404 come after all of these.
 */
export function configureApp(app: NestExpressApplication, config: AppConfig, logger: Logger): void {
  app.set('query parser', 'simple'); // Express 5's default, pinned: strings only, never objects.
  app.use(httpLoggerMiddleware(logger));
  app.use(app.get(ConnectionDrain).middleware);
  app.use(securityHeaders(config.mode));
  app.use(jsonBodyMiddleware());
  app.use(hostileInputMiddleware());
  app.use(requestLoggerContext(logger));
  const served = mountFrontEnds(app, config.staticRoot);
  logger.info(
    { context: 'FrontEnds' },
    served.length > 0
      ? `serving ${served.join(', ')}`
      : 'no front-end build found (designer/dist, runtime-miniapp/dist); API only',
  );

  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => validationErrorsToApiError(errors),
    }),
  );
  mountSwagger(app);
}
