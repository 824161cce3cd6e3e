import { Schema, type Types } from 'mongoose';
import type { Role } from '../../../common/auth';
import type { EncryptedField } from '../../../crypto';

/**
 * A staff member's profile. The login itself (username, password, phone binding) lives in the
 * auth module's `users`; this record links to it by `userId`. Personal values are stored only
 * encrypted (`/name`, `/idNumber`, `/phone`) with blind indexes for exact look-ups.
 */
export interface StaffRecord {
  _id: Types.ObjectId;
  institutionId: string;
  regionPath: string[];
  userId: string;
  name: EncryptedField;
  nameIndex: string;
  gender: string;
  departmentCode: string;
  position: string;
  idType: string;
  idNumber: EncryptedField;
  idNumberIndex: string;
  bindPhone: boolean;
  phone: EncryptedField | null;
  phoneIndex: string | null;
  /** Blind index of the login name (often a phone number), to find a staff member's profile. */
  usernameIndex: string;
  /** The `staff-roles` dictionary code chosen in the form. */
  role: string;
  /** The engine role it maps to (see staff-role-mapping.ts). */
  accountRole: Role;
  enabled: boolean;
  formVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export const STAFF_MODEL = 'Staff';

const encrypted = { type: Schema.Types.Mixed, required: true };

export const StaffSchema = new Schema<StaffRecord>(
  {
    institutionId: { type: String, required: true },
    regionPath: { type: [String], required: true, index: true },
    userId: { type: String, required: true, unique: true },
    name: encrypted,
    nameIndex: { type: String, required: true },
    gender: { type: String, required: true },
    departmentCode: { type: String, required: true },
    position: { type: String, required: true },
    idType: { type: String, required: true },
    idNumber: encrypted,
    idNumberIndex: { type: String, required: true },
    bindPhone: { type: Boolean, required: true },
    phone: { type: Schema.Types.Mixed, default: null },
    phoneIndex: { type: String, default: null },
    usernameIndex: { type: String, required: true, index: true },
    role: { type: String, required: true },
    accountRole: { type: String, required: true },
    enabled: { type: Boolean, required: true },
    formVersion: { type: Number, required: true },
  },
  { collection: 'staff', timestamps: true, versionKey: false, minimize: false },
);
// One profile per person and institution; the same doctor may work at several clinics.
StaffSchema.index({ institutionId: 1, idNumberIndex: 1 }, { unique: true });
StaffSchema.index({ institutionId: 1, departmentCode: 1 });
