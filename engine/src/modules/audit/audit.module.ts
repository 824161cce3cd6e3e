import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit-log';
import { AuditSearch } from './audit-search';
import { MongoAuditLog } from './mongo-audit-log';
import { MongoAuditSearch } from './mongo-audit-search';

/**
 * The SM3-chained audit log (collection `audit_log`) for every module, and the admin endpoints
 * that search and verify it. No TTL index: entries stay at least 180 days; archiving is out of
 * the engine's scope. Not global: every module that audits imports it (ADR 0015).
 */
@Module({
  controllers: [AuditController],
  providers: [
    MongoAuditLog,
    { provide: AuditLog, useExisting: MongoAuditLog },
    { provide: AuditSearch, useClass: MongoAuditSearch },
  ],
  exports: [AuditLog],
})
export class AuditModule {}
