import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClockModule } from '../../common/clock';
import { CallerInstitution } from './clinics/caller-institution';
import { ClinicsController } from './clinics/clinics.controller';
import { ClinicsService } from './clinics/clinics.service';
import { DemoAccountGuard } from './demo/demo-account-guard';
import { DemoAccountNames } from './demo/demo-account-names';
import { MongoDemoAccountNames } from './demo/mongo-demo-account-names';
import { DemoSeeder } from './demo/demo-seeder';
import { IdentityBootstrap } from './demo/identity-bootstrap';
import { DEPARTMENT_MODEL, DepartmentSchema } from './departments/department.schema';
import { DepartmentsController } from './departments/departments.controller';
import { DepartmentsService } from './departments/departments.service';
import { DepartmentReferences, DepartmentStore } from './departments/department-store';
import {
  MongoDepartmentReferences,
  MongoDepartmentStore,
} from './departments/mongo-department-store';
import { OFFICIAL_MODEL, OfficialSchema } from './officials/official.schema';
import { OfficialOrganisation } from './officials/official-organisation';
import { OfficialsController } from './officials/officials.controller';
import { OfficialsService } from './officials/officials.service';
import { OfficialStore } from './officials/official-store';
import { MongoOfficialStore } from './officials/mongo-official-store';
import { PatientDirectory } from './patient-directory';
import { MongoPatientDirectory } from './patients/mongo-patient-directory';
import { PATIENT_MODEL, PatientSchema } from './patients/patient.schema';
import { PatientProtection } from './patients/patient-protection';
import { PatientsController } from './patients/patients.controller';
import { PatientsService } from './patients/patients.service';
import {
  DOCTOR_QUALIFICATION_MODEL,
  DoctorQualificationSchema,
} from './qualifications/doctor-qualification.schema';
import { DoctorQualificationsController } from './qualifications/doctor-qualifications.controller';
import { DoctorQualificationsService } from './qualifications/doctor-qualifications.service';
import { DoctorQualificationStore } from './qualifications/doctor-qualification-store';
import { MongoDoctorQualificationStore } from './qualifications/mongo-doctor-qualification-store';
import { StaffStore } from './staff/staff-store';
import { MongoStaffStore } from './staff/mongo-staff-store';
import { InstitutionsModule } from '../institutions';
import { PersonalDataModule } from '../personal-data';
import { PublishedForms } from './shared/published-forms';
import { STAFF_MODEL, StaffSchema } from './staff/staff.schema';
import { StaffController } from './staff/staff.controller';
import { StaffProtection } from './staff/staff-protection';
import { StaffService } from './staff/staff.service';
import { AuditModule } from '../audit';
import { RegistryModule } from '../registry';
import { AuthModule } from '../auth';
import { FilesModule } from '../files';

/**
 * Clinic registration and the clinics API (over the institutions module), departments, staff,
 * doctor qualifications, patients with their family members, and official accounts. Not global:
 * submissions imports it for `PatientDirectory` (ADR 0015); the demo seeder is exported for tests.
 */
@Module({
  imports: [
    FilesModule,
    AuthModule,
    RegistryModule,
    AuditModule,
    ClockModule,
    InstitutionsModule,
    PersonalDataModule,
    MongooseModule.forFeature([
      { name: DEPARTMENT_MODEL, schema: DepartmentSchema },
      { name: STAFF_MODEL, schema: StaffSchema },
      { name: DOCTOR_QUALIFICATION_MODEL, schema: DoctorQualificationSchema },
      { name: PATIENT_MODEL, schema: PatientSchema },
      { name: OFFICIAL_MODEL, schema: OfficialSchema },
    ]),
  ],
  controllers: [
    ClinicsController,
    DepartmentsController,
    StaffController,
    DoctorQualificationsController,
    PatientsController,
    OfficialsController,
  ],
  providers: [
    PublishedForms,
    CallerInstitution,
    ClinicsService,
    { provide: DepartmentStore, useClass: MongoDepartmentStore },
    { provide: DepartmentReferences, useClass: MongoDepartmentReferences },
    DepartmentsService,
    StaffProtection,
    StaffService,
    { provide: DoctorQualificationStore, useClass: MongoDoctorQualificationStore },
    { provide: StaffStore, useClass: MongoStaffStore },
    DoctorQualificationsService,
    PatientProtection,
    PatientsService,
    { provide: PatientDirectory, useClass: MongoPatientDirectory },
    { provide: OfficialStore, useClass: MongoOfficialStore },
    OfficialsService,
    OfficialOrganisation,
    DemoSeeder,
    DemoAccountGuard,
    { provide: DemoAccountNames, useClass: MongoDemoAccountNames },
    IdentityBootstrap,
  ],
  exports: [PatientDirectory, DemoSeeder],
})
export class IdentityModule {}

/** Tests seed demo data with `app.get(DemoSeeder).seed()`. */
export { DemoSeeder } from './demo/demo-seeder';
