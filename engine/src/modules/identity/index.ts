/**
 * The identity module's public surface: the only path other parts of the engine import it by
 * (ADR 0015). Contracts first and the Nest module last, so a module importing this one while
 * it is still loading already finds the contracts defined.
 */
export { PatientDirectory } from './patient-directory';
export { IdentityModule } from './identity.module';
