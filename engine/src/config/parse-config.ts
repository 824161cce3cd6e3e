import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { AppConfig, LOG_LEVELS, type FieldKey } from './app-config';
import { ConfigError } from './config-error';
import { inspectMongoUri } from './mongodb-uri';

/** Repository root: this file sits at `engine/{src,dist}/config/`, both three levels down. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be an integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const hex = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9a-fA-F]+$/, 'must be hexadecimal')
    .refine((v) => v.length >= min && v.length <= max && v.length % 2 === 0, {
      message:
        min === max ? `must be ${min} hex characters` : `must be ${min}-${max} hex characters`,
    });

const url = z.string().regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL');

/** GM/T 0091-style PBKDF2 cost floor outside test mode (SECURITY.md 18). */
export const MIN_PASSWORD_ITERATIONS = 300_000;

/**
 * Published demo secrets: fine for `npm start` on a laptop and for tests, refused in production.
 * They are constants in the source on purpose, so no one mistakes them for secret.
 */
export const DEMO_SECRETS = {
  tokenSecret: 'de' + '00'.repeat(31),
  fieldKeys: 'demo1:' + '11'.repeat(32),
  blindIndexKey: '22'.repeat(32),
} as const;

function parseFieldKeys(spec: string): FieldKey[] {
  return spec.split(',').map((entry) => {
    const [kid, hexKey] = entry.split(':') as [string, string];
    return { kid, secret: Buffer.from(hexKey, 'hex') };
  });
}

const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

/** Every variable the engine reads; each is documented in `engine/.env.example`. */
const envSchema = z.object({
  PORT: integer(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  MONGODB_URI: z.string().optional(),
  SENTINEL_MODE: z
    .enum(['demo', 'production', 'test'], { error: 'must be demo, production or test' })
    .default('demo'),
  SENTINEL_DATA_DIR: z.string().optional(),
  SENTINEL_EMBEDDED_STORE_PORT: integer(0, 65535).default(0),
  SENTINEL_DB_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 letters, digits, _ or -')
    .default('sentinel'),
  SENTINEL_DB_TIMEOUT_MS: integer(100, 60_000).default(5000),
  SENTINEL_SHUTDOWN_TIMEOUT_MS: integer(100, 120_000).default(10_000),
  SENTINEL_STATIC_ROOT: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
  LOG_PRETTY: flag.default(false),
  SENTINEL_REGISTRY_POLL_MS: integer(50, 500).default(250),
  SENTINEL_SEED_CONTENT: flag.default(true),
  SENTINEL_TOKEN_SECRET: hex(64, 256).optional(),
  SENTINEL_ACCESS_TOKEN_TTL_S: integer(30, 86_400).default(900),
  SENTINEL_REFRESH_TOKEN_TTL_S: integer(60, 90 * 86_400).default(14 * 86_400),
  SENTINEL_PASSWORD_ITERATIONS: integer(1000, 10_000_000).default(MIN_PASSWORD_ITERATIONS),
  SENTINEL_FIELD_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,32}:[0-9a-fA-F]{64}(,[A-Za-z0-9_-]{1,32}:[0-9a-fA-F]{64})*$/,
      'must be kid:64hex[,kid:64hex...] (the first key encrypts)',
    )
    .optional(),
  SENTINEL_BLIND_INDEX_KEY: hex(64, 64).optional(),
  SENTINEL_SMS_PROVIDER: z.enum(['log', 'http'], { error: 'must be log or http' }).default('log'),
  SENTINEL_SMS_URL: url.optional(),
  SENTINEL_PROVINCE_AUTH_URL: url.optional(),
  SENTINEL_PROVINCE_RECORD_URL: url.optional(),
  SENTINEL_PROVINCE_PAAS_ID: z.string().min(1).max(128).optional(),
  SENTINEL_PROVINCE_PAAS_TOKEN: z.string().min(1).max(256).optional(),
  SENTINEL_PROVINCE_SM4_KEY: hex(32, 32).optional(),
  SENTINEL_PROVINCE_APP_ID: z.string().min(1).max(128).optional(),
  SENTINEL_PROVINCE_ORG_CODE: z.string().min(1).max(64).optional(),
  SENTINEL_PROVINCE_ORG_NAME: z.string().min(1).max(128).optional(),
  SENTINEL_PROVINCE_CALL_SYS_CODE: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -')
    .optional(),
  SENTINEL_WORKFLOW_RUNTIME: z
    .enum(['embedded', 'operaton'], { error: 'must be embedded or operaton' })
    .default('embedded'),
  SENTINEL_OPERATON_URL: url.optional(),
  SENTINEL_WORKER_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be 1-128 letters, digits, _ . : or -')
    .optional(),
  SENTINEL_WORKFLOW_POLL_MS: integer(20, 60_000).default(1000),
  SENTINEL_WORKFLOW_LOCK_MS: integer(200, 3_600_000).default(60_000),
  SENTINEL_FILE_STORAGE: z
    .enum(['gridfs', 's3'], { error: 'must be gridfs or s3' })
    .default('gridfs'),
  SENTINEL_S3_ENDPOINT: url.optional(),
  SENTINEL_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
    .optional(),
  SENTINEL_S3_REGION: z.string().min(1).max(64).default('us-east-1'),
  SENTINEL_S3_ACCESS_KEY: z.string().min(1).max(256).optional(),
  SENTINEL_S3_SECRET_KEY: z.string().min(1).max(256).optional(),
});

/** Names the engine knows; any other SENTINEL_* variable is a typo we refuse rather than ignore. */
export const KNOWN_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

/**
 * Parses environment variables into the typed configuration or throws a `ConfigError` whose
 * message is one line naming the variable. Empty strings count as unset, as in most `.env` files.
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  const unknown = Object.keys(env)
    .filter((name) => name.startsWith('SENTINEL_') && !KNOWN_VARIABLES.includes(name))
    .sort();
  if (unknown[0] !== undefined) {
    const known = KNOWN_VARIABLES.filter((n) => n.startsWith('SENTINEL_')).join(', ');
    throw new ConfigError(unknown[0], `unknown variable (known SENTINEL_ variables: ${known})`);
  }

  const present = Object.fromEntries(
    KNOWN_VARIABLES.flatMap((name) => {
      const value = env[name];
      return value === undefined || value === '' ? [] : [[name, value]];
    }),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(
      variable,
      `${issue?.message ?? 'invalid'} (got ${JSON.stringify(present[variable])})`,
    );
  }
  const v = parsed.data;

  if (v.MONGODB_URI !== undefined) {
    const facts = inspectMongoUri(v.MONGODB_URI);
    if (typeof facts === 'string') throw new ConfigError('MONGODB_URI', facts);
    if (v.SENTINEL_MODE === 'production' && !facts.tls) {
      throw new ConfigError(
        'MONGODB_URI',
        'production mode needs TLS: add tls=true to the URI or use mongodb+srv:// (personal data must not cross the network in clear)',
      );
    }
  } else if (v.SENTINEL_MODE === 'production') {
    throw new ConfigError(
      'MONGODB_URI',
      'required in production mode (the embedded store is for demos and tests only)',
    );
  }

  const production = v.SENTINEL_MODE === 'production';
  const demoSecrets: string[] = [];
  const secret = (name: string, given: string | undefined, demo: string): string => {
    if (given === undefined || given.toLowerCase() === demo) demoSecrets.push(name);
    return given ?? demo;
  };
  const tokenSecret = secret(
    'SENTINEL_TOKEN_SECRET',
    v.SENTINEL_TOKEN_SECRET,
    DEMO_SECRETS.tokenSecret,
  );
  const fieldKeys = parseFieldKeys(
    secret('SENTINEL_FIELD_KEYS', v.SENTINEL_FIELD_KEYS, DEMO_SECRETS.fieldKeys),
  );
  if (fieldKeys.some((k) => k.secret.equals(Buffer.from(DEMO_SECRETS.fieldKeys.slice(6), 'hex')))) {
    if (!demoSecrets.includes('SENTINEL_FIELD_KEYS')) demoSecrets.push('SENTINEL_FIELD_KEYS');
  }
  if (new Set(fieldKeys.map((k) => k.kid)).size !== fieldKeys.length) {
    throw new ConfigError('SENTINEL_FIELD_KEYS', 'key ids must be unique');
  }
  const blindIndexKey = secret(
    'SENTINEL_BLIND_INDEX_KEY',
    v.SENTINEL_BLIND_INDEX_KEY,
    DEMO_SECRETS.blindIndexKey,
  );
  if (production && demoSecrets[0] !== undefined) {
    throw new ConfigError(
      demoSecrets[0],
      'production mode needs your own secret here (unset or the published demo value)',
    );
  }
  if (v.SENTINEL_MODE !== 'test' && v.SENTINEL_PASSWORD_ITERATIONS < MIN_PASSWORD_ITERATIONS) {
    throw new ConfigError(
      'SENTINEL_PASSWORD_ITERATIONS',
      `must be at least ${MIN_PASSWORD_ITERATIONS} outside test mode`,
    );
  }
  if (production && v.SENTINEL_SMS_PROVIDER === 'log') {
    throw new ConfigError(
      'SENTINEL_SMS_PROVIDER',
      'production mode cannot write verification codes to the log: set http and SENTINEL_SMS_URL',
    );
  }
  if (v.SENTINEL_SMS_PROVIDER === 'http' && v.SENTINEL_SMS_URL === undefined) {
    throw new ConfigError('SENTINEL_SMS_URL', 'required when SENTINEL_SMS_PROVIDER is http');
  }
  if (v.SENTINEL_WORKFLOW_RUNTIME === 'operaton' && v.SENTINEL_OPERATON_URL === undefined) {
    throw new ConfigError(
      'SENTINEL_OPERATON_URL',
      'required when SENTINEL_WORKFLOW_RUNTIME is operaton',
    );
  }
  if (v.SENTINEL_FILE_STORAGE === 's3') {
    for (const name of [
      'SENTINEL_S3_ENDPOINT',
      'SENTINEL_S3_BUCKET',
      'SENTINEL_S3_ACCESS_KEY',
      'SENTINEL_S3_SECRET_KEY',
    ] as const) {
      if (v[name] === undefined)
        throw new ConfigError(name, 'required when SENTINEL_FILE_STORAGE is s3');
    }
  }

  const absolute = (p: string) => (isAbsolute(p) ? p : resolve(p));
  return {
    port: v.PORT,
    host: v.HOST,
    mongodbUri: v.MONGODB_URI,
    mode: v.SENTINEL_MODE,
    dataDir: absolute(v.SENTINEL_DATA_DIR ?? resolve(REPO_ROOT, '.data')),
    embeddedStorePort: v.SENTINEL_EMBEDDED_STORE_PORT,
    dbName: v.SENTINEL_DB_NAME,
    dbTimeoutMs: v.SENTINEL_DB_TIMEOUT_MS,
    shutdownTimeoutMs: v.SENTINEL_SHUTDOWN_TIMEOUT_MS,
    staticRoot: absolute(v.SENTINEL_STATIC_ROOT ?? REPO_ROOT),
    logLevel: v.LOG_LEVEL ?? (v.SENTINEL_MODE === 'test' ? 'warn' : 'info'),
    logPretty: v.LOG_PRETTY,
    registryPollMs: v.SENTINEL_REGISTRY_POLL_MS,
    seedContent: v.SENTINEL_SEED_CONTENT,
    security: {
      tokenSecret: Buffer.from(tokenSecret, 'hex'),
      accessTokenTtlSeconds: v.SENTINEL_ACCESS_TOKEN_TTL_S,
      refreshTokenTtlSeconds: v.SENTINEL_REFRESH_TOKEN_TTL_S,
      passwordIterations: v.SENTINEL_PASSWORD_ITERATIONS,
      fieldKeys,
      blindIndexKey: Buffer.from(blindIndexKey, 'hex'),
      usesDemoSecrets: demoSecrets.length > 0,
    },
    sms: { provider: v.SENTINEL_SMS_PROVIDER, url: v.SENTINEL_SMS_URL },
    province: {
      authUrl: v.SENTINEL_PROVINCE_AUTH_URL,
      recordUrl: v.SENTINEL_PROVINCE_RECORD_URL,
      paasId: v.SENTINEL_PROVINCE_PAAS_ID,
      paasToken: v.SENTINEL_PROVINCE_PAAS_TOKEN,
      sm4Key: v.SENTINEL_PROVINCE_SM4_KEY,
      appId: v.SENTINEL_PROVINCE_APP_ID,
      orgCode: v.SENTINEL_PROVINCE_ORG_CODE,
      orgName: v.SENTINEL_PROVINCE_ORG_NAME,
      callSysCode: v.SENTINEL_PROVINCE_CALL_SYS_CODE,
    },
    files: {
      kind: v.SENTINEL_FILE_STORAGE,
      s3Endpoint: v.SENTINEL_S3_ENDPOINT,
      s3Bucket: v.SENTINEL_S3_BUCKET,
      s3Region: v.SENTINEL_S3_REGION,
      s3AccessKey: v.SENTINEL_S3_ACCESS_KEY,
      s3SecretKey: v.SENTINEL_S3_SECRET_KEY,
    },
    workflows: {
      runtime: v.SENTINEL_WORKFLOW_RUNTIME,
      operatonUrl: v.SENTINEL_OPERATON_URL,
      workerId: v.SENTINEL_WORKER_ID ?? `${hostname()}:${process.pid}`,
      pollMs: v.SENTINEL_WORKFLOW_POLL_MS,
      jobLockMs: v.SENTINEL_WORKFLOW_LOCK_MS,
    },
  };
}
