import { Schema, type Types } from 'mongoose';

/**
 * A doctor's qualification record: the `doctor-qualification` form's values with personal
 * fields encrypted in place (`/values/doctorName`, `/values/idNumber`), plus the keys queries
 * and scope checks need in clear.
 */
export interface DoctorQualificationRecord {
  _id: Types.ObjectId;
  institutionId: string;
  regionPath: string[];
  values: Record<string, unknown>;
  departmentCode: string;
  idNumberIndex: string;
  /** The staff profile with the same ID number in the institution, when there is one. */
  staffId: string | null;
  createdBy: string;
  formVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export const DOCTOR_QUALIFICATION_MODEL = 'DoctorQualification';

export const DoctorQualificationSchema = new Schema<DoctorQualificationRecord>(
  {
    institutionId: { type: String, required: true },
    regionPath: { type: [String], required: true, index: true },
    values: { type: Schema.Types.Mixed, required: true },
    departmentCode: { type: String, required: true },
    idNumberIndex: { type: String, required: true },
    staffId: { type: String, default: null },
    createdBy: { type: String, required: true },
    formVersion: { type: Number, required: true },
  },
  { collection: 'doctor_qualifications', timestamps: true, versionKey: false, minimize: false },
);
DoctorQualificationSchema.index({ institutionId: 1, departmentCode: 1 });
DoctorQualificationSchema.index({ institutionId: 1, idNumberIndex: 1 });
