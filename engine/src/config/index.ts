export { AppConfig, LOG_LEVELS } from './app-config';
export type { LogLevel, SentinelMode } from './app-config';
export { ConfigError } from './config-error';
export { ConfigModule } from './config.module';
export { parseConfig, REPO_ROOT } from './parse-config';
export { redactMongoUri } from './mongodb-uri';
