/** How the engine runs: `demo` for `npm start` on a laptop, `production` with hardened rules, `test` for suites. */
export type SentinelMode = 'demo' | 'production' | 'test';

/** Pino levels accepted by LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One versioned key for personal-field encryption: 32 bytes from which SM4 and MAC keys derive. */
export interface FieldKey {
  readonly kid: string;
  readonly secret: Buffer;
}

/** Secrets and cost factors; production refuses the demo values (see parseConfig). */
export interface SecurityConfig {
  /** SENTINEL_TOKEN_SECRET: HMAC-SM3 key of access tokens (at least 32 bytes, hex). */
  readonly tokenSecret: Buffer;
  /** SENTINEL_ACCESS_TOKEN_TTL_S: lifetime of an access token in seconds. */
  readonly accessTokenTtlSeconds: number;
  /** SENTINEL_REFRESH_TOKEN_TTL_S: lifetime of a refresh token in seconds. */
  readonly refreshTokenTtlSeconds: number;
  /** SENTINEL_PASSWORD_ITERATIONS: PBKDF2-HMAC-SM3 iterations for new hashes (>= 300,000 outside test mode). */
  readonly passwordIterations: number;
  /** SENTINEL_FIELD_KEYS: `kid:64hex,kid:64hex`; the first encrypts, all decrypt. */
  readonly fieldKeys: readonly FieldKey[];
  /** SENTINEL_BLIND_INDEX_KEY: HMAC-SM3 key of the blind index (64 hex); never rotated casually. */
  readonly blindIndexKey: Buffer;
  /** True when any secret above is the published demo value. */
  readonly usesDemoSecrets: boolean;
}

/** SMS delivery: `log` writes codes to the log (demo and tests); `http` posts to a gateway. */
export interface SmsConfig {
  readonly provider: 'log' | 'http';
  /** SENTINEL_SMS_URL: gateway endpoint for the `http` provider. */
  readonly url: string | undefined;
}

/** Guangdong health-record interface (seed 002); unset URLs disable the feature. */
export interface ProvinceConfig {
  readonly authUrl: string | undefined;
  readonly recordUrl: string | undefined;
  readonly paasId: string | undefined;
  readonly paasToken: string | undefined;
  /** 32 hex characters: the SM4 key the province issued. */
  readonly sm4Key: string | undefined;
  readonly appId: string | undefined;
  readonly orgCode: string | undefined;
  readonly orgName: string | undefined;
  /** 集成方代码: the integrator code the province assigned, sent in every retrieval `param`. */
  readonly callSysCode: string | undefined;
}

/** Which BPMN runtime executes workflows, and how its background loops are paced. */
export interface WorkflowConfig {
  /** SENTINEL_WORKFLOW_RUNTIME: `embedded` (bpmn-engine in this process) or `operaton` (engine-rest). */
  readonly runtime: 'embedded' | 'operaton';
  /** SENTINEL_OPERATON_URL: engine-rest base URL, e.g. `http://operaton:8080/engine-rest`. */
  readonly operatonUrl: string | undefined;
  /** SENTINEL_WORKER_ID: workerId reported to Operaton and written on job locks (default: host:pid). */
  readonly workerId: string;
  /** SENTINEL_WORKFLOW_POLL_MS: how often due timers, jobs, reminders and outbox events are looked for. */
  readonly pollMs: number;
  /** SENTINEL_WORKFLOW_LOCK_MS: how long a worker holds a job before another may take it over. */
  readonly jobLockMs: number;
}

/** Where uploaded files go: MongoDB GridFS (default) or an S3-compatible object store. */
export interface FileStorageConfig {
  readonly kind: 'gridfs' | 's3';
  readonly s3Endpoint: string | undefined;
  readonly s3Bucket: string | undefined;
  readonly s3Region: string;
  readonly s3AccessKey: string | undefined;
  readonly s3SecretKey: string | undefined;
}

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
  /** SENTINEL_REGISTRY_POLL_MS: how often an instance looks for definitions published elsewhere. */
  abstract readonly registryPollMs: number;
  /** SENTINEL_SEED_CONTENT: publish definitions/content on first start (and demo accounts in demo mode). */
  abstract readonly seedContent: boolean;
  abstract readonly security: SecurityConfig;
  abstract readonly sms: SmsConfig;
  abstract readonly province: ProvinceConfig;
  abstract readonly files: FileStorageConfig;
  abstract readonly workflows: WorkflowConfig;
}
