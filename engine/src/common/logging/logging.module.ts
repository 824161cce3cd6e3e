import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';

/**
 * Routes Nest's logger to the root pino logger. `useExisting`: pino-http is installed by
 * `configureApp` ahead of the input guards, and each request's logger is bound by its
 * `requestLoggerContext` middleware, so nestjs-pino mounts no middleware of its own (its
 * catch-all route would cost a route match per request).
 */
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: { logger },
          useExisting: true,
          forRoutes: [],
        }),
      ],
    };
  }
}
