import { Schema, type Types } from 'mongoose';
import type { Department } from './department-store';

/** The stored document: the port's department with an ObjectId `_id` (the adapter maps it). */
export type DepartmentRecord = Omit<Department, 'id' | 'regionPath'> & {
  _id: Types.ObjectId;
  regionPath: string[];
};

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

export function departmentView(record: Department): DepartmentView {
  return {
    id: record.id,
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
export function departmentFormValues(record: Department): Record<string, unknown> {
  return {
    departmentCode: record.code,
    departmentName: record.name,
    ...(record.medicalSubject === null ? {} : { medicalSubject: record.medicalSubject }),
    enabled: record.enabled,
  };
}
