import type { Logger } from 'pino';
import { redactMongoUri, type AppConfig } from '../config';
import { DatabaseTarget } from './database-target';
import { preflightDatabase } from './database-preflight';
import { startEmbeddedStore } from './embedded-store';

/** The target plus what to stop at shutdown, after mongoose has disconnected. */
export interface OpenedDatabase {
  readonly target: DatabaseTarget;
  readonly close: () => Promise<void>;
}

/**
 * Uses MONGODB_URI when set, otherwise starts the embedded store with SENTINEL_DATA_DIR so
 * `npm start` data survives restarts. Either way the server is checked before Nest starts.
 */
export async function openDatabase(config: AppConfig, logger: Logger): Promise<OpenedDatabase> {
  const log = logger.child({ context: 'Database' });
  if (config.mongodbUri !== undefined) {
    await preflightDatabase(config.mongodbUri, {
      mode: config.mode,
      timeoutMs: config.dbTimeoutMs,
    });
    log.info(
      { uri: redactMongoUri(config.mongodbUri), kind: 'external', dbName: config.dbName },
      'using external MongoDB',
    );
    return {
      target: { uri: config.mongodbUri, kind: 'external', dbName: config.dbName },
      close: async () => undefined,
    };
  }

  const store = await startEmbeddedStore({
    dataDir: config.dataDir,
    port: config.embeddedStorePort,
    log: (line) => log.info(line),
  });
  try {
    await preflightDatabase(store.uri, { mode: config.mode, timeoutMs: config.dbTimeoutMs });
  } catch (error) {
    await store.stop().catch(() => undefined);
    throw error;
  }
  log.info(
    { uri: store.uri, kind: store.kind, dataDir: config.dataDir, dbName: config.dbName },
    `embedded store (${store.kind}) at ${store.uri}`,
  );
  return {
    target: { uri: store.uri, kind: store.kind, dbName: config.dbName },
    close: () => store.stop(),
  };
}
