/**
 * The institutions module's public surface: the only path other parts of the engine import it by
 * (ADR 0015). Contracts first and the Nest module last, so a module importing this one while
 * it is still loading already finds the contracts defined.
 */
export {
  InstitutionDirectory,
  InstitutionNotFoundError,
  InstitutionStatusRefusedError,
} from './institution-directory';
export type {
  InstitutionStatus,
  InstitutionSummary,
  SystemStatusChange,
  SystemStatusOptions,
} from './institution-directory';
export {
  INSTITUTION_STATUSES,
  InstitutionNameTakenError,
  InstitutionStore,
  institutionNameKey,
} from './institution-store';
export type {
  Institution,
  InstitutionAddress,
  InstitutionQuery,
  NewInstitution,
  StatusChange,
} from './institution-store';
export { InstitutionStatusChanges } from './institution-status-changes';
export type { StatusDecision } from './institution-status-changes';
export { canChangeStatus, STATUS_LABEL_ZH, statusNeedsReason } from './clinic-status';
export { RegionCatalog } from './regions/region-catalog';
export type { RegionNode } from './regions/region-tree';
export { InstitutionsModule } from './institutions.module';
