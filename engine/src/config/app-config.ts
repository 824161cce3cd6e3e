/** How the engine runs: `demo` for `npm start` on a laptop, `production` with hardened rules, `test` for suites. */
export type SentinelMode = 'demo' | 'production' | 'test';

/** Pino levels accepted by LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The engine's configuration, parsed and validated once at boot (see `parseConfig`).
 * An abstract class so the one name is both the type and the Nest injection token;
 * nothing outside `config/` reads `process.env`.
 */
export abstract class AppConfig {
  /** PORT: TCP port the HTTP server listens on. */
  abstract readonly port: number;
  /** HOST: interface the HTTP server binds to. */
  abstract readonly host: string;
  /** MONGODB_URI: external MongoDB; undefined → start the embedded store. */
  abstract readonly mongodbUri: string | undefined;
  /** SENTINEL_MODE: demo | production | test. */
  abstract readonly mode: SentinelMode;
  /** SENTINEL_DATA_DIR: absolute directory where the embedded store snapshots its data. */
  abstract readonly dataDir: string;
  /** SENTINEL_EMBEDDED_STORE_PORT: fixed port for the embedded store; 0 = any free port. */
  abstract readonly embeddedStorePort: number;
  /** SENTINEL_DB_NAME: database the engine uses (overrides a database named in MONGODB_URI). */
  abstract readonly dbName: string;
  /** SENTINEL_DB_TIMEOUT_MS: how long boot waits to reach the database before giving up. */
  abstract readonly dbTimeoutMs: number;
  /** SENTINEL_SHUTDOWN_TIMEOUT_MS: longest graceful shutdown before the process exits anyway. */
  abstract readonly shutdownTimeoutMs: number;
  /** SENTINEL_STATIC_ROOT: directory holding `designer/dist` and `runtime-miniapp/dist`. */
  abstract readonly staticRoot: string;
  /** LOG_LEVEL: minimum pino level. */
  abstract readonly logLevel: LogLevel;
  /** LOG_PRETTY: human-readable logs through pino-pretty (a dev dependency). */
  abstract readonly logPretty: boolean;
}
