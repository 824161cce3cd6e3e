import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config';
import { configureApp } from './configure-app';
import type { DatabaseTarget } from './database';

/**
 * Builds the configured, initialised application (not yet listening). `abortOnError: false`
 * makes a failing module throw to main.ts, which prints one line, instead of aborting the process.
 */
export async function createApp(
  config: AppConfig,
  database: DatabaseTarget,
  logger: Logger,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, database, logger }),
    {
      bodyParser: false,
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(PinoNestLogger));
  configureApp(app, config, logger);
  await app.init();
  return app;
}
