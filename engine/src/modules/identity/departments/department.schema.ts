import { Schema, type Types } from 'mongoose';

export interface DepartmentRecord {
  _id: Types.ObjectId;
  institutionId: string;
  regionPath: string[];
  /** Self-defined by the clinic (e.g. `001`); unique within the institution. */
  code: string;
  name: string;
  medicalSubject: string | null;
  enabled: boolean;
  formVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export const DEPARTMENT_MODEL = 'Department';

export const DepartmentSchema = new Schema<DepartmentRecord>(
  {
    institutionId: { type: String, required: true },
    regionPath: { type: [String], required: true, index: true },
    code: { type: String, required: true },
    name: { type: String, required: true },
    medicalSubject: { type: String, default: null },
    enabled: { type: Boolean, required: true },
    formVersion: { type: Number, required: true },
  },
  { collection: 'departments', timestamps: true, versionKey: false },
);
DepartmentSchema.index({ institutionId: 1, code: 1 }, { unique: true });

/** A department as answers show it. */
export interface DepartmentView {
  readonly id: string;
  readonly institutionId: string;
  readonly departmentCode: string;
  readonly departmentName: string;
  readonly medicalSubject: string | null;
  readonly enabled: boolean;
  readonly formVersion: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function departmentView(record: DepartmentRecord): DepartmentView {
  return {
    id: record._id.toHexString(),
    institutionId: record.institutionId,
    departmentCode: record.code,
    departmentName: record.name,
    medicalSubject: record.medicalSubject,
    enabled: record.enabled,
    formVersion: record.formVersion,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/** The record's values as the `department` form names them (the starting point of a patch). */
export function departmentFormValues(record: DepartmentRecord): Record<string, unknown> {
  return {
    departmentCode: record.code,
    departmentName: record.name,
    ...(record.medicalSubject === null ? {} : { medicalSubject: record.medicalSubject }),
    enabled: record.enabled,
  };
}
