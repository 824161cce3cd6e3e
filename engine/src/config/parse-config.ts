import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { AppConfig, LOG_LEVELS } from './app-config';
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
  };
}
