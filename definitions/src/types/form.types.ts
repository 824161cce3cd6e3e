import type { LocalizedText, Literal } from './common.types';

/** Kinds of personal data; the engine encrypts and masks tagged fields by kind. */
export type PersonalKind = 'name' | 'idNumber' | 'phone' | 'address' | 'birthDate' | 'other';

/** Properties shared by every field type. */
interface FieldBase {
  readonly kind: 'field';
  /** Unique in the whole form; the submission's property name and the name expressions use. */
  readonly key: string;
  readonly title: LocalizedText;
  readonly help?: LocalizedText;
  /** Static state; rules may change it per submission. */
  readonly required?: boolean;
  readonly hidden?: boolean;
  readonly readonly?: boolean;
  /** Initial value the renderer fills in (the validator never invents values). */
  readonly default?: Literal | readonly string[];
  /** Expression for an initial value computed by the renderer, e.g. `today()`. */
  readonly defaultExpression?: string;
  /** Personal data tag: encrypted at rest and masked in answers. */
  readonly personal?: PersonalKind;
}

/** Inline option of a choice field. */
export interface ChoiceOption {
  readonly code: string;
  readonly label: LocalizedText;
  /** Parent option code, so an `options` effect can cascade (e.g. city under province). */
  readonly parent?: string;
}

/** Where a coded field takes its options from: inline, or a dictionary (optionally under a root). */
interface CodedSource {
  readonly options?: readonly ChoiceOption[];
  readonly dictionary?: string;
  /** Only dictionary items whose parent is this code (e.g. one syndrome group, one province). */
  readonly dictionaryRoot?: string;
}

/** Single-line or multi-line text. */
export interface TextField extends FieldBase {
  readonly type: 'text' | 'textarea';
  readonly minLength?: number;
  /** Default 200 for text and 2000 for textarea. */
  readonly maxLength?: number;
  /** Safe regular-expression subset (checked by compilePattern at publish). */
  readonly pattern?: string;
}

/** Decimal number with optional unit, bounds and maximum decimal places. */
export interface NumberField extends FieldBase {
  readonly type: 'number' | 'integer';
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  /** Maximum number of decimal places (number only). */
  readonly precision?: number;
}

/** Calendar date (`YYYY-MM-DD`) or instant (ISO 8601 with offset). */
export interface DateField extends FieldBase {
  readonly type: 'date' | 'datetime';
  /** Refuse values after today / now in the submission's time zone. */
  readonly notFuture?: boolean;
}

/** One code out of a list (inline or dictionary). */
export interface ChoiceField extends FieldBase, CodedSource {
  readonly type: 'choice';
}

/** Several codes; an exclusive option (e.g. 无) may not be combined with any other. */
export interface MultiChoiceField extends FieldBase, CodedSource {
  readonly type: 'multiChoice';
  readonly exclusive?: readonly string[];
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** Searchable dictionary picker (fever clinics, drugs); single code or a list of codes. */
export interface LookupField extends FieldBase {
  readonly type: 'lookup';
  readonly dictionary: string;
  readonly dictionaryRoot?: string;
  readonly multiple?: boolean;
  readonly maxItems?: number;
}

/** A boolean question (是/否). */
export interface YesNoField extends FieldBase {
  readonly type: 'yesNo';
}

/** Yes/no per dictionary item, grouped by the items' parents (symptoms by syndrome group). */
export interface YesNoMatrixField extends FieldBase {
  readonly type: 'yesNoMatrix';
  readonly dictionary: string;
  /** Group codes shown (top-level items); all groups when absent. */
  readonly groups?: readonly string[];
}

/** Region code from a hierarchical region dictionary; `minDepth` 3 = down to a district. */
export interface RegionField extends FieldBase {
  readonly type: 'region';
  readonly dictionary: string;
  readonly minDepth?: number;
}

/** Region plus a free-text detail line: value `{ region, detail }`. */
export interface AddressField extends FieldBase {
  readonly type: 'address';
  readonly dictionary: string;
  readonly minDepth?: number;
  readonly detailMaxLength?: number;
}

/** Mainland China mobile number (11 digits starting 13–19). */
export interface PhoneField extends FieldBase {
  readonly type: 'phone';
}

/** Identity document number checked according to the ID type chosen in a sibling field. */
export interface IdentityNumberField extends FieldBase {
  readonly type: 'identityNumber';
  /** Key of the choice field holding the ID type code. */
  readonly idTypeField: string;
  /** ID type code meaning 居民身份证 (GB 11643 checks apply); default `01`. */
  readonly residentIdCode?: string;
  /** Sibling fields that must agree with what the resident ID encodes. */
  readonly birthDateField?: string;
  readonly genderField?: string;
  /** Gender codes used by genderField; default `{ male: '1', female: '2' }` (GB/T 2261.1). */
  readonly genderCodes?: { readonly male: string; readonly female: string };
}

/** Uploaded files or images; the value is a list of file ids issued by the engine's upload API. */
export interface FileField extends FieldBase {
  readonly type: 'file';
  readonly maxCount?: number;
  readonly maxSizeBytes?: number;
  readonly mimeTypes?: readonly string[];
}

/** Every field type, discriminated by `type`. */
export type FieldDefinition =
  | TextField
  | NumberField
  | DateField
  | ChoiceField
  | MultiChoiceField
  | LookupField
  | YesNoField
  | YesNoMatrixField
  | RegionField
  | AddressField
  | PhoneField
  | IdentityNumberField
  | FileField;

/** The `type` names of fields. */
export type FieldType = FieldDefinition['type'];

/** A titled layout block (no data of its own). */
export interface SectionNode {
  readonly kind: 'section' | 'group';
  readonly key: string;
  readonly title: LocalizedText;
  readonly children: readonly FormNode[];
}

/** A table: each row is a record of the child fields; the value is an array of rows. */
export interface RepeatNode {
  readonly kind: 'repeat';
  readonly key: string;
  readonly title: LocalizedText;
  readonly required?: boolean;
  readonly hidden?: boolean;
  readonly minRows?: number;
  readonly maxRows?: number;
  readonly children: readonly FieldDefinition[];
}

/** A node of the form tree. */
export type FormNode = SectionNode | RepeatNode | FieldDefinition;

/** A value a provincial admin may change without a deploy; expressions read `params.<key>`. */
export interface ParameterDefinition {
  readonly key: string;
  readonly type: 'number' | 'string' | 'boolean';
  readonly title: LocalizedText;
  readonly unit?: string;
  readonly default: string | number | boolean;
  readonly min?: number;
  readonly max?: number;
}

/** Effects that switch a state of a field (or repeat) on or off while the rule holds. */
export interface StateEffect {
  readonly type: 'visible' | 'required' | 'readonly';
  readonly target: string;
  /** State applied while the rule's condition holds; default true. */
  readonly value?: boolean;
}

/** Sets the target field to a calculated value. */
export interface AssignEffect {
  readonly type: 'assign';
  readonly target: string;
  readonly value: string;
}

/** Keeps only the options for which `filter` is true; `option.code`/`option.parent` are in scope. */
export interface OptionsEffect {
  readonly type: 'options';
  readonly target: string;
  readonly filter: string;
}

/** Reports an error (blocks) or a warning (informs) on the target, or the whole form. */
export interface MessageEffect {
  readonly type: 'error' | 'warning';
  readonly target?: string;
  readonly message: LocalizedText;
}

/** What a rule does while its condition holds. */
export type RuleEffect = StateEffect | AssignEffect | OptionsEffect | MessageEffect;

/** A condition and its effects; with `scope` it runs once per row of that repeat. */
export interface RuleDefinition {
  readonly id: string;
  readonly description?: LocalizedText;
  /** Boolean expression; absent means always. */
  readonly when?: string;
  readonly scope?: string;
  readonly effects: readonly RuleEffect[];
}

/** One case of a classification: the first case whose `when` holds gives the value. */
export interface DerivedCase {
  readonly when: string;
  readonly value: string | number | boolean;
}

/** A value computed from the submission (flag, classification); expressions read `derived.<key>`. */
export interface DerivedDefinition {
  readonly key: string;
  readonly type: 'boolean' | 'string' | 'number';
  readonly title: LocalizedText;
  readonly expression?: string;
  readonly cases?: readonly DerivedCase[];
  readonly otherwise?: string | number | boolean | null;
}

/** A worked example carried by the form; publishing is refused while one fails. */
export interface GoldenCase {
  readonly name: string;
  /** ISO instant used as now (default 2024-01-01T04:00:00Z). */
  readonly now?: string;
  readonly utcOffsetMinutes?: number;
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
  readonly input: Readonly<Record<string, unknown>>;
  readonly expect: GoldenExpectation;
}

/** What a golden case asserts; only the listed parts are compared. */
export interface GoldenExpectation {
  readonly valid: boolean;
  /** Exact set of errors (path + code) when given. */
  readonly errors?: readonly { readonly path: string; readonly code: string }[];
  /** Exact set of warnings (path + code) when given. */
  readonly warnings?: readonly { readonly path: string; readonly code: string }[];
  readonly visible?: Readonly<Record<string, boolean>>;
  readonly required?: Readonly<Record<string, boolean>>;
  readonly derived?: Readonly<Record<string, unknown>>;
  readonly values?: Readonly<Record<string, unknown>>;
}

/** A versioned form: a tree of nodes plus parameters, rules, derived values and golden cases. */
export interface FormDefinition {
  readonly kind: 'form';
  readonly key: string;
  readonly version: number;
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  readonly parameters?: readonly ParameterDefinition[];
  readonly items: readonly FormNode[];
  readonly rules?: readonly RuleDefinition[];
  readonly derived?: readonly DerivedDefinition[];
  readonly goldenCases?: readonly GoldenCase[];
  /**
   * Who may file it: `approved-institutions` (default: the daily report and everything else) or
   * `any-institution`, for what a clinic sends while still under review (its qualification
   * documents), including after a rejection. A suspended institution files nothing.
   */
  readonly filers?: 'approved-institutions' | 'any-institution';
}
