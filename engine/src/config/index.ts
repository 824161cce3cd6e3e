export { AppConfig, LOG_LEVELS } from './app-config';
export type {
  FieldKey,
  FileStorageConfig,
  LogLevel,
  ProvinceConfig,
  SecurityConfig,
  SentinelMode,
  SmsConfig,
  WorkflowConfig,
} from './app-config';
export { ConfigError } from './config-error';
export { ConfigModule } from './config.module';
export { DEMO_SECRETS, MIN_PASSWORD_ITERATIONS, parseConfig, REPO_ROOT } from './parse-config';
export { redactMongoUri } from './mongodb-uri';
export { dependencyFloorProblems } from './dependency-floors';
