import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CachedDefinitionRegistry } from './cached-definition-registry';
import { DefinitionRegistry } from './definition-registry';
import { DefinitionShapeChecker } from './definition-shape';
import { DefinitionStore } from './definition-store';
import { DictionariesController } from './dictionaries.controller';
import { DraftParameterSync } from './draft-parameter-sync';
import { FormsController } from './forms.controller';
import { MongoDefinitionStore } from './mongo-definition-store';
import { RegistryAdminController } from './registry-admin.controller';
import { RegistryPublisher } from './registry-publisher';
import { RegistrySeeder } from './registry-seeder';
import { REGISTRY_MODEL_DEFINITIONS } from './registry.schemas';
import { AuditModule } from '../audit';

/**
 * The definition registry: drafts, gated publication, versions, parameters, dictionaries, and
 * the cached view every instance serves. Not global: identity, submissions and workflows import it
 * to read `DefinitionRegistry` (ADR 0015).
 */
@Module({
  imports: [AuditModule, MongooseModule.forFeature(REGISTRY_MODEL_DEFINITIONS)],
  controllers: [FormsController, DictionariesController, RegistryAdminController],
  providers: [
    { provide: DefinitionStore, useClass: MongoDefinitionStore },
    CachedDefinitionRegistry,
    { provide: DefinitionRegistry, useExisting: CachedDefinitionRegistry },
    DefinitionShapeChecker,
    DraftParameterSync,
    RegistryPublisher,
    RegistrySeeder,
  ],
  exports: [DefinitionRegistry, RegistryPublisher],
})
export class RegistryModule {}
