import { Schema, type Types } from 'mongoose';
import type { Role } from '../../../common/auth';
import type { EncryptedField } from '../../../crypto';

export const USERS_COLLECTION = 'users';
/** JSON pointer of the encrypted phone inside a user document (bound into its MAC). */
export const PHONE_FIELD = '/phone';

/** A login account as stored. The phone exists only encrypted plus its blind index. */
export interface UserDocument {
  readonly _id: Types.ObjectId;
  readonly username: string;
  readonly phone?: EncryptedField;
  /** BlindIndex.token('phone', phone): login by phone and "one phone, one account" without decrypting. */
  readonly phoneIndex?: string;
  readonly passwordHash: string;
  readonly displayName: string;
  readonly roles: Role[];
  readonly institutionId?: string;
  readonly regionCode?: string;
  /** A designated fever clinic's code in the `fever-clinics` dictionary (role `fever_clinic`). */
  readonly organisationCode?: string;
  readonly patientId?: string;
  readonly enabled: boolean;
  /** Raised by every password change or reset; access tokens carry it and go stale with it. */
  readonly credentialsVersion: number;
  readonly failedLogins: number;
  readonly failureWindowStartedAt: Date | null;
  readonly lockedUntil: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const encryptedFieldSchema = new Schema<EncryptedField>(
  {
    kid: { type: String, required: true },
    iv: { type: String, required: true },
    ct: { type: String, required: true },
    mac: { type: String, required: true },
  },
  { _id: false },
);

export const userSchema = new Schema<UserDocument>(
  {
    username: { type: String, required: true, unique: true },
    phone: { type: encryptedFieldSchema, required: false },
    phoneIndex: { type: String, unique: true, sparse: true },
    passwordHash: { type: String, required: true },
    displayName: { type: String, required: true },
    roles: { type: [String], required: true },
    institutionId: { type: String, index: true },
    regionCode: String,
    organisationCode: String,
    patientId: { type: String, index: true },
    enabled: { type: Boolean, required: true, default: true },
    credentialsVersion: { type: Number, required: true, default: 0 },
    failedLogins: { type: Number, required: true, default: 0 },
    failureWindowStartedAt: { type: Date, default: null },
    lockedUntil: { type: Date, default: null },
  },
  { collection: USERS_COLLECTION, timestamps: true, strict: 'throw', versionKey: false },
);
