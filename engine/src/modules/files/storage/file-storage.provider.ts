import type { Provider } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { AppConfig, type FileStorageConfig } from '../../../config';
import { FileStorage } from './file-storage';
import { GridFsFileStorage } from './gridfs-file-storage';
import { S3FileStorage } from './s3-file-storage';

interface StorageDependencies {
  readonly config: AppConfig;
  readonly connection: Connection;
}

/** One entry per adapter; adding a store means adding a line here and a config value, no switch. */
const ADAPTERS: Readonly<
  Record<FileStorageConfig['kind'], (deps: StorageDependencies) => FileStorage>
> = {
  gridfs: ({ connection }) => new GridFsFileStorage(connection),
  s3: ({ config }) => S3FileStorage.fromConfig(config.files),
};

/** The adapter `config.files.kind` names (SENTINEL_FILE_STORAGE). */
export const fileStorageProvider: Provider = {
  provide: FileStorage,
  inject: [AppConfig, getConnectionToken()],
  useFactory: (config: AppConfig, connection: Connection): FileStorage =>
    ADAPTERS[config.files.kind]({ config, connection }),
};
