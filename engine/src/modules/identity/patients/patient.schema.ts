import { Schema, type Types } from 'mongoose';

/**
 * A self-registered patient: the `patient-self-registration` form's values with every personal
 * field encrypted in place (`/values/<key>`, `/values/familyMembers/<i>/<key>`), blind indexes
 * for exact look-ups, and `patientIds` for the data-scope convention (family members are rows of
 * the same record, so a patient's scope covers exactly their family).
 */
export interface PatientRecord {
  _id: Types.ObjectId;
  userId: string;
  values: Record<string, unknown>;
  /** Stable ids of the family-member rows, aligned with `values.familyMembers`. */
  familyMemberIds: string[];
  idNumberIndex: string;
  phoneIndex: string;
  nameIndex: string;
  memberIdNumberIndexes: string[];
  memberPhoneIndexes: string[];
  memberNameIndexes: string[];
  patientIds: string[];
  /** Raised by every change, so two concurrent edits cannot silently overwrite each other. */
  revision: number;
  formVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export const PATIENT_MODEL = 'Patient';

export const PatientSchema = new Schema<PatientRecord>(
  {
    userId: { type: String, required: true, unique: true },
    values: { type: Schema.Types.Mixed, required: true },
    familyMemberIds: { type: [String], default: [] },
    idNumberIndex: { type: String, required: true, unique: true },
    phoneIndex: { type: String, required: true, index: true },
    nameIndex: { type: String, required: true, index: true },
    memberIdNumberIndexes: { type: [String], default: [], index: true },
    memberPhoneIndexes: { type: [String], default: [], index: true },
    memberNameIndexes: { type: [String], default: [], index: true },
    patientIds: { type: [String], required: true, index: true },
    revision: { type: Number, required: true, default: 0 },
    formVersion: { type: Number, required: true },
  },
  { collection: 'patients', timestamps: true, versionKey: false, minimize: false },
);
