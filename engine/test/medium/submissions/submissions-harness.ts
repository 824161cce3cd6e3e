import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { UnitOfWorkModule } from '../../../src/database';
import { BlindIndex, FieldCipher } from '../../../src/crypto/field-protection';
import { AuditLog } from '../../../src/modules/audit/audit-log';
import { MongoAuditLog } from '../../../src/modules/audit/mongo-audit-log';
import { AuditModule } from '../../../src/modules/audit';
import { FileReferences } from '../../../src/modules/files/file-references';
import { FilesModule } from '../../../src/modules/files';
import { IdentityModule } from '../../../src/modules/identity';
import { InstitutionsModule } from '../../../src/modules/institutions';
import { Clock, SystemClock } from '../../../src/common/clock';
import { InstitutionDirectory } from '../../../src/modules/institutions/institution-directory';
import { InstitutionStatusChanges } from '../../../src/modules/institutions/institution-status-changes';
import { InstitutionStore } from '../../../src/modules/institutions/institution-store';
import { MongoInstitutionStore } from '../../../src/modules/institutions/mongo-institution-store';
import { StoredInstitutionDirectory } from '../../../src/modules/institutions/stored-institution-directory';
import {
  INSTITUTION_MODEL,
  InstitutionSchema,
} from '../../../src/modules/institutions/institution.schema';
import { PatientDirectory } from '../../../src/modules/identity/patient-directory';
import { RegionCatalog } from '../../../src/modules/institutions/regions/region-catalog';
import {
  REGION_MODEL,
  RegionSchema,
} from '../../../src/modules/institutions/regions/region.schema';
import { MongoPatientDirectory } from '../../../src/modules/identity/patients/mongo-patient-directory';
import {
  PATIENT_MODEL,
  PatientSchema,
} from '../../../src/modules/identity/patients/patient.schema';
import { DefinitionRegistry } from '../../../src/modules/registry/definition-registry';
import { RegistryModule } from '../../../src/modules/registry';
import { OutboxReader } from '../../../src/modules/outbox';
import { PatientSearch } from '../../../src/modules/submissions/patient-search.service';
import { SubmissionReader } from '../../../src/modules/submissions/submission-reader.service';
import { SubmissionRepository } from '../../../src/modules/submissions/submission.repository';
import { SubmissionsModule } from '../../../src/modules/submissions/submissions.module';
import { SubmissionsService } from '../../../src/modules/submissions/submissions.service';
import { WorkflowSubmissions } from '../../../src/modules/submissions/workflow-submissions';
import type { TestDatabase } from '../../support/test-database';
import {
  contentForm,
  FakeInstitutions,
  FakePatients,
  FakeRegistry,
  publish,
  RecordingAudit,
  RecordingFileReferences,
  testCrypto,
} from './submission-fixtures';

/**
 * The real SubmissionsModule (mongoose adapters, transactions) on a test database, with the
 * other modules' ports replaced by fakes so these tests depend on nothing but the store.
 *
 * `chain: true` swaps the recording audit fake for the real SM3 chain on the same database, for
 * tests about audit rows committing with the write. `patients: 'store'` and
 * `institutions: 'store'` use the identity module's adapters over the database's `patients` and
 * `institutions` collections instead of the fakes (the tests then insert those records).
 */
export async function startSubmissions(
  database: TestDatabase,
  options: {
    chain?: boolean;
    patients?: 'fake' | 'store';
    institutions?: 'fake' | 'store';
  } = {},
) {
  const registry = new FakeRegistry().add(publish(contentForm('patient-visit-report')));
  const institutions = new FakeInstitutions()
    .add('clinic-a')
    .add('clinic-b', 'approved', '441900005');
  const audit = new RecordingAudit();
  const files = new RecordingFileReferences();
  const patients = new FakePatients();
  const { cipher, blindIndex } = testCrypto();

  /** Stands in for the AuditModule that SubmissionsModule (and the fakes below) import. */
  @Module({
    providers: [
      options.chain === true
        ? { provide: AuditLog, useClass: MongoAuditLog }
        : { provide: AuditLog, useValue: audit },
    ],
    exports: [AuditLog],
  })
  class AuditPortModule {}

  /** Stands in for the RegistryModule that SubmissionsModule imports. */
  @Module({
    providers: [{ provide: DefinitionRegistry, useValue: registry }],
    exports: [DefinitionRegistry],
  })
  class RegistryPortModule {}

  /** Stands in for the FilesModule that SubmissionsModule imports. */
  @Module({
    providers: [{ provide: FileReferences, useValue: files }],
    exports: [FileReferences],
  })
  class FilesPortModule {}

  /** Stands in for the InstitutionsModule and IdentityModule that SubmissionsModule imports. */
  @Global()
  @Module({
    imports: [
      AuditPortModule,
      MongooseModule.forFeature([
        { name: PATIENT_MODEL, schema: PatientSchema },
        { name: INSTITUTION_MODEL, schema: InstitutionSchema },
        { name: REGION_MODEL, schema: RegionSchema },
      ]),
    ],
    providers: [
      RegionCatalog,
      { provide: InstitutionStore, useClass: MongoInstitutionStore },
      InstitutionStatusChanges,
      options.institutions === 'store'
        ? { provide: InstitutionDirectory, useClass: StoredInstitutionDirectory }
        : { provide: InstitutionDirectory, useValue: institutions },
      { provide: FieldCipher, useValue: cipher },
      { provide: BlindIndex, useValue: blindIndex },
      options.patients === 'store'
        ? { provide: PatientDirectory, useClass: MongoPatientDirectory }
        : { provide: PatientDirectory, useValue: patients },
      { provide: Clock, useClass: SystemClock },
    ],
    exports: [InstitutionDirectory, PatientDirectory, Clock, FieldCipher, BlindIndex],
  })
  class FakePortsModule {}

  const moduleRef = await Test.createTestingModule({
    imports: [
      MongooseModule.forRoot(database.uri, { dbName: database.name }),
      UnitOfWorkModule,
      FakePortsModule,
      SubmissionsModule,
    ],
  })
    .overrideModule(AuditModule)
    .useModule(AuditPortModule)
    .overrideModule(RegistryModule)
    .useModule(RegistryPortModule)
    .overrideModule(FilesModule)
    .useModule(FilesPortModule)
    .overrideModule(InstitutionsModule)
    .useModule(FakePortsModule)
    .overrideModule(IdentityModule)
    .useModule(FakePortsModule)
    .compile();
  moduleRef.useLogger(false);
  await moduleRef.init();
  return {
    service: moduleRef.get(SubmissionsService),
    reader: moduleRef.get(SubmissionReader),
    search: moduleRef.get(PatientSearch),
    repository: moduleRef.get(SubmissionRepository),
    outbox: moduleRef.get(OutboxReader),
    workflow: moduleRef.get(WorkflowSubmissions),
    patients,
    institutions,
    blindIndex,
    /** The AuditLog the module uses (the recording fake, or the chain with `chain: true`). */
    auditLog: moduleRef.get(AuditLog),
    registry,
    audit,
    cipher,
    /** The raw collections, for what the store really holds. */
    collection: (name: 'submissions' | 'outbox' | 'idempotency_keys') =>
      database.connection.collection(name),
    /** The module itself, for the adapters a test uses directly. */
    moduleRef,
    close: () => moduleRef.close(),
  };
}

export type SubmissionsInstance = Awaited<ReturnType<typeof startSubmissions>>;
