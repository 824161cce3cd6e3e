/**
 * The audit module's public surface: the only path other parts of the engine import it by
 * (ADR 0015). Contracts first and the Nest module last, so a module importing this one while
 * it is still loading already finds the contracts defined.
 */
export { AuditLog } from './audit-log';
export type { AuditEntryInput } from './audit-log';
export { auditPublication, type PublicationAttempt } from './publication-audit';
export { MongoAuditLog } from './mongo-audit-log';
export { AuditModule } from './audit.module';
