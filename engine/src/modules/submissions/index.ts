/**
 * The submissions module's public surface: the only path other parts of the engine import it by
 * (ADR 0015). Contracts first and the Nest module last, so a module importing this one while
 * it is still loading already finds the contracts defined.
 */
export { formAnatomy } from './form-anatomy';
export type { FormAnatomy } from './form-anatomy';
export { collectFileValues, findUnsafeKey } from './stored-values';
export { SubmissionMissingError, WorkflowSubmissions } from './workflow-submissions';
export { SubmissionsModule } from './submissions.module';
