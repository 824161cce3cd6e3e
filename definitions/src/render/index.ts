/** Renderer mappings: a form definition as a Formily schema or a JSON Schema + uiSchema pair. */
export { toFormilySchema, type FormilySchemaOptions } from './formily-schema';
export type { FormilyNode } from './formily-fields';
export {
  createSafeFormilyCompiler,
  type FormilyScope,
  type SafeFormilyCompiler,
  type SafeFormilyCompilerOptions,
} from './formily-compiler';
export {
  createSafeValidateRules,
  type SafePatternRule,
  type SafeValidateRules,
} from './formily-validate-rules';
export { ExpressionRejected } from './form-expressions';
export type { RenderOptions } from './render-options';
export {
  toJsonSchema,
  JSON_SCHEMA_ANNOTATIONS,
  JSON_SCHEMA_DIALECT,
  type JsonSchemaExport,
} from './json-schema';
export type { JsonSchemaNode } from './json-schema-fields';
export type { UiSection } from './ui-schema';
