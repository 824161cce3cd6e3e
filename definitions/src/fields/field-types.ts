import type { Value, ValueType } from '../expressions/expression-api';
import type { FieldDefinition, FieldType } from '../types/form.types';
import { addressChecker, regionChecker } from './region-fields';
import {
  choiceChecker,
  lookupChecker,
  multiChoiceChecker,
  yesNoChecker,
  yesNoMatrixChecker,
} from './coded-fields';
import { dateChecker } from './date-fields';
import type { FieldChecker } from './field-checker';
import { fileChecker } from './file-field';
import { identityNumberChecker } from './identity-field';
import { numberChecker } from './number-fields';
import type { StringTester } from './text-fields';
import { phoneChecker, textChecker } from './text-fields';

/** How one field type is checked and how expressions see it. */
interface FieldTypeSpec<F extends FieldDefinition> {
  checker(field: F, pattern: StringTester | null): FieldChecker;
  valueType(field: F): ValueType;
}

/** The field interface whose `type` admits T (NumberField serves both number and integer). */
type FieldOf<T extends FieldType> = FieldDefinition extends infer F
  ? F extends { type: infer U }
    ? T extends U
      ? F
      : never
    : never
  : never;

type SpecTable = { readonly [T in FieldType]: FieldTypeSpec<FieldOf<T>> };

const STRING: ValueType = { kind: 'string' };
const BOOLEAN: ValueType = { kind: 'boolean' };
const CODES: ValueType = { kind: 'list', of: STRING };
const ADDRESS: ValueType = { kind: 'record', fields: { region: STRING, detail: STRING } };

/** One entry per field type; TypeScript refuses a new type without an entry. */
const FIELD_TYPES: SpecTable = {
  text: { checker: textChecker, valueType: () => STRING },
  textarea: { checker: textChecker, valueType: () => STRING },
  number: {
    checker: numberChecker,
    valueType: (f) => (f.unit ? { kind: 'number', unit: f.unit } : { kind: 'number' }),
  },
  integer: {
    checker: numberChecker,
    valueType: (f) => (f.unit ? { kind: 'number', unit: f.unit } : { kind: 'number' }),
  },
  date: { checker: dateChecker, valueType: () => ({ kind: 'date' }) },
  datetime: { checker: dateChecker, valueType: () => ({ kind: 'datetime' }) },
  choice: { checker: choiceChecker, valueType: () => STRING },
  multiChoice: { checker: multiChoiceChecker, valueType: () => CODES },
  lookup: { checker: lookupChecker, valueType: (f) => (f.multiple === true ? CODES : STRING) },
  yesNo: { checker: yesNoChecker, valueType: () => BOOLEAN },
  yesNoMatrix: { checker: yesNoMatrixChecker, valueType: () => CODES },
  region: { checker: regionChecker, valueType: () => STRING },
  address: { checker: addressChecker, valueType: () => ADDRESS },
  phone: { checker: phoneChecker, valueType: () => STRING },
  identityNumber: { checker: identityNumberChecker, valueType: () => STRING },
  file: { checker: fileChecker, valueType: () => CODES },
};

/** All field type names. */
export const FIELD_TYPE_NAMES: readonly FieldType[] = Object.keys(FIELD_TYPES) as FieldType[];

/** The checker for a field (a compiled safe pattern is passed for text fields). */
export function checkerFor(field: FieldDefinition, pattern: StringTester | null): FieldChecker {
  const spec = FIELD_TYPES[field.type] as FieldTypeSpec<FieldDefinition>;
  return spec.checker(field, pattern);
}

/** The type expressions see for a field. */
export function valueTypeOf(field: FieldDefinition): ValueType {
  return (FIELD_TYPES[field.type] as FieldTypeSpec<FieldDefinition>).valueType(field);
}

/**
 * The value expressions see for a checked field value: the stored value itself, except a yes/no
 * matrix, which expressions read as the list of codes answered yes (`'cough' in mainSymptoms`).
 */
export function expressionValueOf(field: FieldDefinition, value: unknown): Value {
  if (value === undefined || value === '') return null;
  if (field.type === 'yesNoMatrix' && value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.keys(record).filter((code) => record[code] === true);
  }
  return value as Value;
}
