import { Schema } from 'mongoose';

/** Mongoose model names of the registry's collections. */
export const REGISTRY_MODELS = {
  formDraft: 'FormDraft',
  formVersion: 'FormVersion',
  dictionaryDraft: 'DictionaryDraft',
  dictionaryVersion: 'DictionaryVersion',
  state: 'RegistryState',
} as const;

/** `minimize: false`: an empty object in a definition (e.g. `expect.derived: {}`) must survive. */
const OPTIONS = { versionKey: false, minimize: false, strict: 'throw' } as const;

/** One editable draft per key; `revision` is the optimistic-concurrency counter. */
function draftSchema(collection: string): Schema {
  const schema = new Schema(
    {
      key: { type: String, required: true },
      revision: { type: Number, required: true },
      definition: { type: Schema.Types.Mixed, required: true },
      updatedBy: { type: String, required: true },
      updatedAt: { type: Date, required: true },
    },
    { ...OPTIONS, collection },
  );
  schema.index({ key: 1 }, { unique: true });
  return schema;
}

/** Immutable published versions; the unique (key, version) index makes numbering race-free. */
function versionSchema(collection: string): Schema {
  const schema = new Schema(
    {
      key: { type: String, required: true },
      version: { type: Number, required: true },
      definition: { type: Schema.Types.Mixed, required: true },
      parameters: { type: Schema.Types.Mixed, default: {} },
      dictionaryVersions: { type: Schema.Types.Mixed, default: {} },
      publishedAt: { type: Date, required: true },
      publishedBy: { type: String, required: true },
      effectiveFrom: { type: Date, required: true },
      checksum: { type: String, required: true },
    },
    { ...OPTIONS, collection },
  );
  schema.index({ key: 1, version: 1 }, { unique: true });
  return schema;
}

/** One document `{ _id: 'registry', generation }`, incremented by every publication. */
const stateSchema = new Schema(
  { _id: { type: String, required: true }, generation: { type: Number, required: true } },
  { ...OPTIONS, collection: 'registry_state' },
);

/** Model definitions for `MongooseModule.forFeature`. */
export const REGISTRY_MODEL_DEFINITIONS = [
  { name: REGISTRY_MODELS.formDraft, schema: draftSchema('form_drafts') },
  { name: REGISTRY_MODELS.formVersion, schema: versionSchema('form_versions') },
  { name: REGISTRY_MODELS.dictionaryDraft, schema: draftSchema('dictionary_drafts') },
  { name: REGISTRY_MODELS.dictionaryVersion, schema: versionSchema('dictionary_versions') },
  { name: REGISTRY_MODELS.state, schema: stateSchema },
];
