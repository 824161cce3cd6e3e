import { resolve } from 'node:path';
import { ConfigError } from './config-error';
import { parseConfig, REPO_ROOT } from './parse-config';

function refusal(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected parseConfig to refuse');
}

describe('parseConfig', () => {
  it('given an empty environment, when parsed, then every default applies', () => {
    const sut = parseConfig({});

    expect(sut).toEqual({
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
    });
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
    ])('given %s with TLS, then it is accepted', (uri) => {
      expect(parseConfig({ SENTINEL_MODE: 'production', MONGODB_URI: uri })).toMatchObject({
        mode: 'production',
        mongodbUri: uri,
      });
    });
  });
});
