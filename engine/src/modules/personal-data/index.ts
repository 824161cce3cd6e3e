export { PersonalDataModule } from './personal-data.module';
export {
  PersonalFields,
  type OpenedValues,
  type Reveal,
  type SealedLocation,
} from './personal-fields';
export {
  PersonalValues,
  SUBMISSIONS_COLLECTION,
  type IntegrityIssue,
  type PersonalAnatomy,
  type Presentation,
  type ProtectedValues,
  type RevealedValues,
} from './personal-values';
export { openSealedValue, TAMPERED, type IntegrityNote, type OpenedValue } from './sealed-value';
export {
  isSearchableKind,
  SEARCHABLE_KINDS,
  type BlindTokens,
  type PersonalField,
  type SearchableKind,
} from './searchable-kinds';
