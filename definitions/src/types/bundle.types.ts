import type { Dictionary } from './dictionary.types';
import type { FormDefinition } from './form.types';
import type { LocalizedText } from './common.types';
import type { WorkflowDefinition } from './workflow.types';

/** A deployable set of definitions published together (references resolve inside the bundle first). */
export interface DefinitionBundle {
  readonly kind: 'bundle';
  readonly key: string;
  readonly version: number;
  readonly title: LocalizedText;
  readonly forms: readonly FormDefinition[];
  readonly dictionaries: readonly Dictionary[];
  readonly workflows: readonly WorkflowDefinition[];
}
