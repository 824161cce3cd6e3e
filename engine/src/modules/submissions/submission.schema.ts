import { Schema } from 'mongoose';

/** Model names and collections of the submissions module. */
export const SUBMISSION_MODEL = 'Submission';
export const IDEMPOTENCY_MODEL = 'IdempotencyKey';

const actorSchema = new Schema(
  { userId: { type: String, required: true }, displayName: { type: String, required: true } },
  { _id: false },
);

/**
 * `values` and `outcome` are Mixed: their shape is the form's, checked by the validator before
 * anything is stored. `_id` is a random UUID generated before encryption, because each
 * ciphertext's MAC binds the document id.
 */
export const submissionSchema = new Schema(
  {
    _id: { type: String, required: true },
    formKey: { type: String, required: true },
    formVersion: { type: Number, required: true },
    status: { type: String, required: true, enum: ['draft', 'pending', 'reported'] },
    revision: { type: Number, required: true },
    values: { type: Schema.Types.Mixed, required: true },
    blind: {
      idNumber: { type: [String], default: [] },
      phone: { type: [String], default: [] },
      name: { type: [String], default: [] },
    },
    outcome: { type: Schema.Types.Mixed, required: true },
    parameters: { type: Schema.Types.Mixed, required: true },
    dictionaryVersions: { type: Schema.Types.Mixed, default: {} },
    reporter: { type: actorSchema, required: true },
    prefilledBy: { type: actorSchema, default: null },
    institutionId: { type: String, required: true },
    regionPath: { type: [String], required: true },
    patientIds: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    reportedAt: { type: Date, default: null },
    // Absent until a workflow releases the report to its patients.
    releasedAt: { type: Date },
    releaseKey: { type: String },
    workflowOutcomes: { type: Schema.Types.Mixed },
  },
  { collection: 'submissions', versionKey: false, minimize: false, strict: 'throw' },
);
submissionSchema.index({ institutionId: 1, createdAt: -1 });
submissionSchema.index({ regionPath: 1, createdAt: -1 });
submissionSchema.index({ patientIds: 1, createdAt: -1 });
submissionSchema.index({ 'blind.idNumber': 1 });
submissionSchema.index({ 'blind.phone': 1 });
submissionSchema.index({ 'blind.name': 1 });

/** `_id` is `<userId>/<key>`: keys cannot contain `/`, so the pair is unambiguous and unique. */
export const idempotencySchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    key: { type: String, required: true },
    requestHash: { type: String, required: true },
    claimToken: { type: String, required: true },
    state: { type: String, required: true, enum: ['in-progress', 'completed'] },
    response: { type: Schema.Types.Mixed, default: null },
    claimedAt: { type: Date, required: true },
  },
  { collection: 'idempotency_keys', versionKey: false, minimize: false },
);
