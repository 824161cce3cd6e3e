/** Public entry of the definition language; every package imports from here. */
export const DEFINITIONS_LANGUAGE_VERSION = 1;

export * from './expressions';
export * from './patterns';

export type { DefinitionProblem, Literal, LocalizedText } from './types/common.types';
export type * from './types/form.types';
export type { Dictionary, DictionaryItem } from './types/dictionary.types';
export type { WorkflowAction, WorkflowDefinition, WorkflowUserTask } from './types/workflow.types';
export { ACTIONS_NEEDING_REASON, WORKFLOW_ACTIONS } from './types/workflow.types';
export type { DefinitionBundle } from './types/bundle.types';

export {
  indexDictionaries,
  EMPTY_DICTIONARY_INDEX,
  type DictionaryIndex,
  type IndexedDictionary,
} from './dictionaries/dictionary-index';
export {
  checkResidentId,
  residentIdCheckChar,
  residentIdFacts,
  type ResidentIdFacts,
  type ResidentIdProblem,
} from './identity/resident-id';
export { FIELD_TYPE_NAMES, valueTypeOf } from './fields/field-types';
export { checkDictionary } from './model/dictionary-checks';
export {
  analyseForm,
  checkForm,
  compileForm,
  DefinitionError,
  type FormAnalysis,
} from './model/compile-form';
export type { CompiledForm } from './model/compiled-form';
export { MAX_FIELDS, MAX_TREE_DEPTH, RESERVED_KEYS } from './model/form-tree';
export { validate, type ValidationResult } from './validate/validate';
export { CHINA_UTC_OFFSET_MINUTES, type ValidationContext } from './validate/validation-context';
export type { FieldStates } from './validate/field-states';
export type { SubmissionIssue } from './validate/submission-error';
export { MAX_SUBMISSION_DEPTH, MAX_SUBMISSION_NODES } from './validate/input-guard';
export {
  runGoldenCases,
  runGoldenCase,
  DEFAULT_GOLDEN_NOW,
  type GoldenCaseResult,
  type GoldenContext,
} from './golden/golden-runner';
export * from './testing/expression-conformance';
export * from './render';
