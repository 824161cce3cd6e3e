import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxModule } from '../outbox';
import { ClockModule } from '../../common/clock';
import { IdempotentExecution } from './idempotent-execution';
import { MongoSubmissionRepository } from './mongo-submission.repository';
import { PatientSearch } from './patient-search.service';
import { PatientsSearchController } from './patients-search.controller';
import { PersonalDataModule } from '../personal-data';
import { RecentInstitutions } from './recent-institutions';
import { SubmissionAudit } from './submission-audit';
import { SubmissionPreparation } from './submission-preparation';
import { SubmissionReader } from './submission-reader.service';
import { SubmissionRepository } from './submission.repository';
import {
  IDEMPOTENCY_MODEL,
  idempotencySchema,
  SUBMISSION_MODEL,
  submissionSchema,
} from './submission.schema';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsService } from './submissions.service';
import { WorkflowSubmissions } from './workflow-submissions';
import { AuditModule } from '../audit';
import { RegistryModule } from '../registry';
import { FilesModule } from '../files';
import { InstitutionsModule } from '../institutions';
import { IdentityModule } from '../identity';

/**
 * The daily patient report: `POST /api/forms/:key/submissions` (idempotent, pinned version,
 * encrypted personal fields, outbox), `PATCH/GET /api/submissions[/:id]` and
 * `GET /api/patients/search`. Writes each acceptance's event through the OutboxModule in the
 * same transaction. Exports `WorkflowSubmissions` (system reads and release to patients) for the
 * workflow module. Imports the modules whose ports it uses
 * (audit, registry, files, institutions, identity, clock); FieldCipher and BlindIndex come from
 * the global crypto module.
 */
@Module({
  imports: [
    OutboxModule,
    IdentityModule,
    InstitutionsModule,
    FilesModule,
    RegistryModule,
    AuditModule,
    ClockModule,
    MongooseModule.forFeature([
      { name: SUBMISSION_MODEL, schema: submissionSchema },
      { name: IDEMPOTENCY_MODEL, schema: idempotencySchema },
    ]),
    PersonalDataModule,
  ],
  controllers: [SubmissionsController, PatientsSearchController],
  providers: [
    { provide: SubmissionRepository, useClass: MongoSubmissionRepository },
    IdempotentExecution,
    RecentInstitutions,
    SubmissionAudit,
    SubmissionPreparation,
    SubmissionsService,
    SubmissionReader,
    PatientSearch,
    WorkflowSubmissions,
  ],
  exports: [SubmissionsService, SubmissionReader, WorkflowSubmissions],
})
export class SubmissionsModule {}
