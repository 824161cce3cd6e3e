import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClockModule } from '../../common/clock';
import { AuditModule } from '../audit';
import { InstitutionDirectory } from './institution-directory';
import { InstitutionStatusChanges } from './institution-status-changes';
import { InstitutionStore } from './institution-store';
import { INSTITUTION_MODEL, InstitutionSchema } from './institution.schema';
import { MongoInstitutionStore } from './mongo-institution-store';
import { RegionCatalog } from './regions/region-catalog';
import { REGION_MODEL, RegionSchema } from './regions/region.schema';
import { RegionsController } from './regions/regions.controller';
import { StoredInstitutionDirectory } from './stored-institution-directory';

/**
 * The region tree (`regions`, `GET /api/regions`) and institutions (`institutions`): their store,
 * the one writer of an institution's status, and the `InstitutionDirectory` that auth, files,
 * submissions and workflows read. Depends on no feature module (only audit, the unit of work and
 * the clock), so the modules that need institutions and the identity module that registers them
 * (through auth's `Accounts`) no longer form a cycle. Not global: each of those modules imports
 * it (ADR 0015).
 */
@Module({
  imports: [
    AuditModule,
    ClockModule,
    MongooseModule.forFeature([
      { name: REGION_MODEL, schema: RegionSchema },
      { name: INSTITUTION_MODEL, schema: InstitutionSchema },
    ]),
  ],
  controllers: [RegionsController],
  providers: [
    RegionCatalog,
    { provide: InstitutionStore, useClass: MongoInstitutionStore },
    InstitutionStatusChanges,
    { provide: InstitutionDirectory, useClass: StoredInstitutionDirectory },
  ],
  exports: [InstitutionDirectory, InstitutionStore, InstitutionStatusChanges, RegionCatalog],
})
export class InstitutionsModule {}
