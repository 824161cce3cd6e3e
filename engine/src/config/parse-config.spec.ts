import { resolve } from 'node:path';
import { ConfigError } from './config-error';
import { DEMO_SECRETS, parseConfig, REPO_ROOT } from './parse-config';

function refusal(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected parseConfig to refuse');
}

/** A production environment with its own secrets and an SMS gateway. */
const PRODUCTION_SECRETS: Readonly<Record<string, string>> = {
  SENTINEL_MODE: 'production',
  SENTINEL_TOKEN_SECRET: 'a1'.repeat(32),
  SENTINEL_FIELD_KEYS: `k1:${'b2'.repeat(32)}`,
  SENTINEL_BLIND_INDEX_KEY: 'c3'.repeat(32),
  SENTINEL_SMS_PROVIDER: 'http',
  SENTINEL_SMS_URL: 'https://sms.example/send',
};

describe('parseConfig', () => {
  it('given an empty environment, when parsed, then every default applies', () => {
    const sut = parseConfig({});

    expect(sut).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      mongodbUri: undefined,
      mode: 'demo',
      dataDir: resolve(REPO_ROOT, '.data'),
      embeddedStorePort: 0,
      dbName: 'sentinel',
      dbTimeoutMs: 5000,
      shutdownTimeoutMs: 10_000,
      staticRoot: REPO_ROOT,
      logLevel: 'info',
      logPretty: false,
      registryPollMs: 250,
      seedContent: true,
      sms: { provider: 'log', url: undefined },
      files: { kind: 'gridfs', s3Region: 'us-east-1' },
      workflows: { runtime: 'embedded', operatonUrl: undefined, pollMs: 1000, jobLockMs: 60_000 },
    });
    expect(sut.security).toMatchObject({ accessTokenTtlSeconds: 900, usesDemoSecrets: true });
    expect(REPO_ROOT).toBe(resolve(__dirname, '../../..'));
  });

  it('given explicit values, when parsed, then they are typed', () => {
    const sut = parseConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      SENTINEL_MODE: 'test',
      SENTINEL_DATA_DIR: '/var/lib/sentinel',
      SENTINEL_EMBEDDED_STORE_PORT: '27018',
      LOG_PRETTY: 'true',
      MONGODB_URI: 'mongodb://db:27017/x',
    });

    expect(sut).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      mode: 'test',
      dataDir: '/var/lib/sentinel',
      embeddedStorePort: 27018,
      logPretty: true,
      logLevel: 'warn',
      mongodbUri: 'mongodb://db:27017/x',
    });
  });

  it('given empty strings, when parsed, then they count as unset', () => {
    expect(parseConfig({ PORT: '', MONGODB_URI: '' })).toMatchObject({
      port: 3000,
      mongodbUri: undefined,
    });
  });

  it('given PORT=abc, when parsed, then one line names PORT and the value', () => {
    const error = refusal({ PORT: 'abc' });

    expect(error.variable).toBe('PORT');
    expect(error.message).toBe('PORT: must be an integer from 0 to 65535 (got "abc")');
    expect(error.message).not.toContain('\n');
  });

  it('given PORT=70000, when parsed, then the range is named', () => {
    expect(refusal({ PORT: '70000' }).message).toBe('PORT: must be at most 65535 (got "70000")');
  });

  it('given a misspelt SENTINEL_ variable, when parsed, then it is refused by name', () => {
    const error = refusal({ SENTINEL_MOD: 'demo' });

    expect(error.variable).toBe('SENTINEL_MOD');
    expect(error.message).toMatch(
      /^SENTINEL_MOD: unknown variable \(known SENTINEL_ variables: SENTINEL_MODE, /,
    );
  });

  it('given an unknown mode or log level, when parsed, then the allowed values are listed', () => {
    expect(refusal({ SENTINEL_MODE: 'prod' }).message).toBe(
      'SENTINEL_MODE: must be demo, production or test (got "prod")',
    );
    expect(refusal({ LOG_LEVEL: 'verbose' }).variable).toBe('LOG_LEVEL');
    expect(refusal({ LOG_PRETTY: 'yes' }).message).toBe(
      'LOG_PRETTY: must be true or false (got "yes")',
    );
  });

  it('given a MONGODB_URI that is not one, when parsed, then it is refused', () => {
    expect(refusal({ MONGODB_URI: 'http://db' }).variable).toBe('MONGODB_URI');
  });

  describe('production mode', () => {
    it('given no MONGODB_URI, then it refuses: the embedded store is not for production', () => {
      expect(refusal({ SENTINEL_MODE: 'production' }).message).toMatch(
        /^MONGODB_URI: required in production mode/,
      );
    });

    it.each([
      'mongodb://db:27017/x',
      'mongodb://db/x?tls=false',
      'mongodb+srv://cluster.example/x?tls=false',
      'mongodb://a,b/x?ssl=true&tls=false',
    ])('given %s without TLS, then it refuses naming TLS', (uri) => {
      expect(refusal({ SENTINEL_MODE: 'production', MONGODB_URI: uri }).message).toMatch(
        /^MONGODB_URI: production mode needs TLS/,
      );
    });

    it.each([
      'mongodb://a:1,b:2/x?replicaSet=rs0&tls=true',
      'mongodb://db/x?ssl=true',
      'mongodb+srv://user:pw@cluster.example/x',
    ])('given %s with TLS and own secrets, then it is accepted', (uri) => {
      expect(parseConfig({ ...PRODUCTION_SECRETS, MONGODB_URI: uri })).toMatchObject({
        mode: 'production',
        mongodbUri: uri,
      });
    });

    const TLS_URI = 'mongodb://db/x?tls=true';

    it.each(['SENTINEL_TOKEN_SECRET', 'SENTINEL_FIELD_KEYS', 'SENTINEL_BLIND_INDEX_KEY'])(
      'given %s unset, then it refuses naming the variable',
      (name) => {
        const env = Object.fromEntries(
          Object.entries({ ...PRODUCTION_SECRETS, MONGODB_URI: TLS_URI }).filter(
            ([k]) => k !== name,
          ),
        );
        expect(refusal(env).variable).toBe(name);
      },
    );

    it('given the published demo field key among the keys, then it refuses', () => {
      const env = {
        ...PRODUCTION_SECRETS,
        MONGODB_URI: TLS_URI,
        SENTINEL_FIELD_KEYS: `k2:${'ab'.repeat(32)},${DEMO_SECRETS.fieldKeys}`,
      };
      expect(refusal(env).variable).toBe('SENTINEL_FIELD_KEYS');
    });

    it('given the log SMS provider, then it refuses: codes must not reach the log', () => {
      const env = { ...PRODUCTION_SECRETS, MONGODB_URI: TLS_URI, SENTINEL_SMS_PROVIDER: 'log' };
      expect(refusal(env).variable).toBe('SENTINEL_SMS_PROVIDER');
    });

    it('given fewer than 300,000 password iterations, then it refuses', () => {
      const env = {
        ...PRODUCTION_SECRETS,
        MONGODB_URI: TLS_URI,
        SENTINEL_PASSWORD_ITERATIONS: '1000',
      };
      expect(refusal(env).variable).toBe('SENTINEL_PASSWORD_ITERATIONS');
    });
  });

  describe('secrets', () => {
    it('given nothing in demo mode, then the demo secrets are used and flagged', () => {
      const config = parseConfig({});
      expect(config.security.usesDemoSecrets).toBe(true);
      expect(config.security.fieldKeys.map((k) => k.kid)).toEqual(['demo1']);
      expect(config.security.passwordIterations).toBe(300_000);
    });

    it('given two field keys, then the first encrypts and both are kept in order', () => {
      const config = parseConfig({
        SENTINEL_FIELD_KEYS: `k2:${'ab'.repeat(32)},k1:${'cd'.repeat(32)}`,
      });
      expect(config.security.fieldKeys.map((k) => k.kid)).toEqual(['k2', 'k1']);
      expect(config.security.fieldKeys[0]?.secret).toEqual(Buffer.from('ab'.repeat(32), 'hex'));
    });

    it.each(['k1:abc', 'k1:' + 'zz'.repeat(32), `k1:${'ab'.repeat(32)},k1:${'cd'.repeat(32)}`])(
      'given SENTINEL_FIELD_KEYS=%s, then it is refused',
      (value) => {
        expect(refusal({ SENTINEL_FIELD_KEYS: value }).variable).toBe('SENTINEL_FIELD_KEYS');
      },
    );
  });
});
