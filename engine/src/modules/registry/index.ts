/**
 * The registry module's public surface: the only path other parts of the engine import it by
 * (ADR 0015). Contracts first and the Nest module last, so a module importing this one while
 * it is still loading already finds the contracts defined.
 */
export { definitionChecksum } from './canonical-json';
export { DefinitionRegistry } from './definition-registry';
export type { PublishedForm } from './definition-registry';
export { DefinitionShapeChecker } from './definition-shape';
export { loadMetaSchemas, type MetaSchemaName } from './meta-schemas';
export {
  DEFINITION_KEY,
  DefinitionKeyParams,
  DefinitionVersionParams,
} from './dto/route-params.dto';
export { submissionRejected } from './form-validation-error';
export { contentDir } from './registry-seeder';
export { RegistryModule } from './registry.module';
