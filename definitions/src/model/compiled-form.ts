import type { CompiledExpression } from '../expressions/expression-api';
import type { DictionaryIndex } from '../dictionaries/dictionary-index';
import type { FieldChecker } from '../fields/field-checker';
import type { LocalizedText } from '../types/common.types';
import type {
  DerivedDefinition,
  FieldDefinition,
  FormDefinition,
  ParameterDefinition,
  RepeatNode,
} from '../types/form.types';

/** A field ready for validation: its checker and static states. */
export interface CompiledField {
  readonly key: string;
  readonly field: FieldDefinition;
  readonly pointer: string;
  readonly check: FieldChecker;
}

/** A repeat ready for validation, with the rules that run once per row. */
export interface CompiledRepeat {
  readonly key: string;
  readonly node: RepeatNode;
  readonly pointer: string;
  readonly children: readonly CompiledField[];
  readonly childByKey: ReadonlyMap<string, CompiledField>;
  readonly rules: readonly CompiledRule[];
  /** Rows are converted for expressions only when a child needs it (a yes/no matrix). */
  readonly needsRowView: boolean;
}

/** visible / required / readonly switched while a rule holds. */
export interface CompiledStateEffect {
  readonly type: 'visible' | 'required' | 'readonly';
  readonly target: string;
  readonly value: boolean;
}

/** Options filter: `filter` sees `option.code` / `option.parent`. */
export interface CompiledOptionsEffect {
  readonly type: 'options';
  readonly target: string;
  readonly filter: CompiledExpression;
}

/** An error or warning message while a rule holds. */
export interface CompiledMessageEffect {
  readonly type: 'error' | 'warning';
  /** The rule id: the issue code a client or golden case matches on. */
  readonly code: string;
  readonly target: string | undefined;
  readonly message: LocalizedText;
}

/** Every effect except assign (assignments become computations). */
export type CompiledEffect = CompiledStateEffect | CompiledOptionsEffect | CompiledMessageEffect;

/** A rule ready to run; `when` null means always. */
export interface CompiledRule {
  readonly id: string;
  readonly when: CompiledExpression | null;
  readonly effects: readonly CompiledEffect[];
}

/** An assignment or a derived value, run in dependency order before states are decided. */
export type Computation =
  | {
      readonly kind: 'assign';
      readonly ruleId: string;
      readonly target: string;
      readonly when: CompiledExpression | null;
      readonly value: CompiledExpression;
    }
  | {
      readonly kind: 'derived';
      readonly definition: DerivedDefinition;
      readonly expression: CompiledExpression | null;
      readonly cases: readonly {
        readonly when: CompiledExpression;
        readonly value: string | number | boolean;
      }[];
    };

/** A form compiled once and reused for every submission. */
export interface CompiledForm {
  readonly form: FormDefinition;
  readonly fields: readonly CompiledField[];
  readonly fieldByKey: ReadonlyMap<string, CompiledField>;
  readonly repeats: readonly CompiledRepeat[];
  readonly repeatByKey: ReadonlyMap<string, CompiledRepeat>;
  readonly rules: readonly CompiledRule[];
  /** Assignments and derived values in an order where producers run before readers. */
  readonly computations: readonly Computation[];
  readonly parameters: ReadonlyMap<string, ParameterDefinition>;
  readonly parameterDefaults: Readonly<Record<string, string | number | boolean>>;
  /** Dictionaries given at compile time, used when the validation context brings none. */
  readonly dictionaries: DictionaryIndex | undefined;
}
