import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClockModule } from '../../common/clock';
import { HealthRecordAuthorisations } from './health-record-authorisations';
import { HealthRecordInteropService } from './health-record-interop.service';
import { InteropController } from './interop.controller';
import { NonceSource, RandomNonceSource } from './nonce-source';
import {
  AUTHORISATION_MODEL,
  authorisationSchema,
  MongoHealthRecordAuthorisations,
} from './mongo-health-record-authorisations';
import { ProvinceHealthRecordClient } from './province-health-record.client';
import { AuditModule } from '../audit';
import { InstitutionsModule } from '../institutions';

/**
 * Guangdong health-record interop (seed 002, 广东健康档案互通系统) for clinic staff:
 * `POST /api/interop/health-records/authorisations` sends the patient's authorisation to the
 * province and remembers that it was given; `POST /api/interop/health-records/retrieval`
 * returns the province address (SM4-ECB `param`) to view the record, only while an
 * authorisation of at most 30 days holds.
 *
 * The engine NEVER fetches, stores or forwards a health record: the doctor's browser opens the
 * address and the province serves the record (seed 7.2: 医疗机构不得存储所调阅的居民健康医疗信息).
 * The engine stores no clear ID number either, only its blind index. Every call is audited.
 */
@Module({
  imports: [
    InstitutionsModule,
    AuditModule,
    ClockModule,
    MongooseModule.forFeature([{ name: AUTHORISATION_MODEL, schema: authorisationSchema }]),
  ],
  controllers: [InteropController],
  providers: [
    HealthRecordInteropService,
    ProvinceHealthRecordClient,
    { provide: HealthRecordAuthorisations, useClass: MongoHealthRecordAuthorisations },
    { provide: NonceSource, useClass: RandomNonceSource },
  ],
})
export class InteropModule {}
