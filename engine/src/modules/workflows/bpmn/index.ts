/**
 * The portable BPMN subset: the deploy-time lint and the safe JUEL evaluator shared by the embedded
 * runtime, the deployer and the task projection. Pure functions, no Nest providers.
 */
export type {
  CompiledJuel,
  LintWorkflow,
  ProcessModel,
  WorkflowLintContext,
  WorkflowLintResult,
} from './bpmn-contract';
export { JuelEvaluationError, JuelSyntaxError, type JuelMessage } from './juel-errors';
export {
  compileJuel,
  compileTemplate,
  evaluateTemplate,
  isJuelTemplate,
  MAX_JUEL_LENGTH,
  type CompiledTemplate,
} from './juel';
export { addIsoDuration, isIsoDuration, isIsoInstant } from './iso-time';
export { LintCode } from './lint-problems';
export {
  ENGINE_RESERVED_NAMES,
  MULTI_INSTANCE_VARIABLES,
  SYSTEM_VARIABLES,
} from './workflow-metadata';
export { lintWorkflow } from './workflow-lint';
