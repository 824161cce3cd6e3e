import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { createRootLogger } from './common/logging';
import { parseConfig, type AppConfig } from './config';
import { dependencyFloorProblems } from './config';
import { createApp } from './create-app';
import { openDatabase, type OpenedDatabase } from './database';

/** Prints the single reason on stderr and exits 1; nothing else may write to stderr first. */
function refuseToStart(error: unknown): never {
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(`sentinel: cannot start: ${reason.split('\n')[0]}\n`);
  process.exit(1);
}

/**
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close mongoose (Nest's
 * shutdown hooks), then stop the embedded store, and exit 0. Nest's own enableShutdownHooks
 * would re-raise the signal afterwards, so the exit code would not be 0. A second signal or
 * the timeout forces exit 1.
 */
function handleShutdown(
  app: NestExpressApplication,
  database: OpenedDatabase,
  config: AppConfig,
  logger: Logger,
): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal during shutdown; exiting now');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    void (async () => {
      await app.close();
      await database.close();
      logger.info('stopped');
      // pino-pretty runs in a worker thread; without a flush the last lines are lost on exit.
      await new Promise<void>((done) => logger.flush(() => done()));
      process.exit(0);
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    refuseToStart(error);
  }
  const belowFloor = dependencyFloorProblems();
  if (config.mode === 'production' && belowFloor[0] !== undefined) {
    refuseToStart(new Error(`insecure dependency: ${belowFloor.join('; ')} (SECURITY.md 23)`));
  }
  const logger = createRootLogger(config);
  const startedAt = Date.now();
  const database = await openDatabase(config, logger);
  try {
    const app = await createApp(config, database.target, logger);
    handleShutdown(app, database, config, logger);
    await app.listen(config.port, config.host);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    logger.info(
      { mode: config.mode, port, store: database.target.kind, bootMs: Date.now() - startedAt },
      `sentinel engine listening on http://${config.host}:${port}/api (docs at /api/docs)`,
    );
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

main().catch(refuseToStart);
