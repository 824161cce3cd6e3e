import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule, parseConfig } from '../../../src/config';
import { UnitOfWorkModule } from '../../../src/database';
import {
  AuditLog,
  type AuditEntryInput,
  type AuditVerification,
} from '../../../src/modules/audit/audit-log';
import { AuditModule } from '../../../src/modules/audit';
import { CachedDefinitionRegistry } from '../../../src/modules/registry/cached-definition-registry';
import { DefinitionStore } from '../../../src/modules/registry/definition-store';
import { RegistryModule } from '../../../src/modules/registry/registry.module';
import { RegistryPublisher } from '../../../src/modules/registry/registry-publisher';
import { RegistrySeeder } from '../../../src/modules/registry/registry-seeder';

/** Keeps what the registry audits, so tests can assert on it without the real chain. */
export class RecordingAuditLog extends AuditLog {
  readonly entries: AuditEntryInput[] = [];

  async append(entry: AuditEntryInput): Promise<void> {
    this.entries.push(entry);
  }

  async verify(): Promise<AuditVerification> {
    return { ok: true, entries: this.entries.length };
  }
}

/** One registry instance (as one engine process would hold) on a given database. */
export interface RegistryInstance {
  readonly publisher: RegistryPublisher;
  readonly registry: CachedDefinitionRegistry;
  readonly store: DefinitionStore;
  readonly seeder: RegistrySeeder;
  readonly audit: RecordingAuditLog;
  close(): Promise<void>;
}

/**
 * The real RegistryModule with its mongoose models, the configuration and a recording audit log,
 * without HTTP. Content seeding is off unless `seedContent`; the poller runs every `pollMs`.
 */
export async function startRegistry(
  database: { readonly uri: string; readonly name: string },
  options: { pollMs?: number; seedContent?: boolean } = {},
): Promise<RegistryInstance> {
  const audit = new RecordingAuditLog();

  @Module({ providers: [{ provide: AuditLog, useValue: audit }], exports: [AuditLog] })
  class RecordingAuditModule {}

  const config = parseConfig({
    SENTINEL_MODE: 'test',
    LOG_LEVEL: 'silent',
    SENTINEL_REGISTRY_POLL_MS: String(options.pollMs ?? 100),
    SENTINEL_SEED_CONTENT: String(options.seedContent ?? false),
  });
  const moduleRef: TestingModule = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      MongooseModule.forRoot(database.uri, { dbName: database.name }),
      UnitOfWorkModule,
      RegistryModule,
    ],
  })
    .overrideModule(AuditModule)
    .useModule(RecordingAuditModule)
    .compile();
  moduleRef.useLogger(false);
  await moduleRef.init();
  return {
    publisher: moduleRef.get(RegistryPublisher),
    registry: moduleRef.get(CachedDefinitionRegistry),
    store: moduleRef.get(DefinitionStore),
    seeder: moduleRef.get(RegistrySeeder),
    audit,
    close: () => moduleRef.close(),
  };
}

/** The registry's collections, emptied between tests that share one database. */
export const REGISTRY_COLLECTIONS = [
  'form_drafts',
  'form_versions',
  'dictionary_drafts',
  'dictionary_versions',
  'registry_state',
];

/** Empties the registry's collections (a fresh instance must be started afterwards). */
export async function wipeRegistry(connection: {
  readonly db?: { collection(name: string): { deleteMany(filter: object): Promise<unknown> } };
}): Promise<void> {
  await Promise.all(
    REGISTRY_COLLECTIONS.map((name) => connection.db?.collection(name).deleteMany({})),
  );
}
