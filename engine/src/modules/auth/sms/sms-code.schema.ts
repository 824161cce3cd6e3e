import { Schema, type Types } from 'mongoose';

export const SMS_PURPOSES = ['bind-phone', 'password-reset', 'login'] as const;
/** What a code may be used for; a code issued for one purpose never verifies for another. */
export type SmsPurpose = (typeof SMS_PURPOSES)[number];

/** One issued verification code. The code itself is never stored, only its keyed SM3 hash. */
export interface SmsCodeDocument {
  readonly _id: Types.ObjectId;
  /** BlindIndex.token('phone', phone): the number itself is not needed after sending. */
  readonly phoneIndex: string;
  readonly purpose: SmsPurpose;
  readonly codeHash: string;
  /** From the injectable clock (not mongoose timestamps), so rate windows are testable. */
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  /** Wrong guesses so far; the code dies at the limit. */
  readonly attempts: number;
}

/** Kept a day for support questions, well past the one-hour rate window. */
const RETENTION_SECONDS = 24 * 3600;

export const smsCodeSchema = new Schema<SmsCodeDocument>(
  {
    phoneIndex: { type: String, required: true },
    purpose: { type: String, required: true, enum: SMS_PURPOSES },
    codeHash: { type: String, required: true },
    issuedAt: { type: Date, required: true, expires: RETENTION_SECONDS },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    attempts: { type: Number, required: true, default: 0 },
  },
  { collection: 'sms_codes', strict: 'throw', versionKey: false },
);
smsCodeSchema.index({ phoneIndex: 1, issuedAt: 1 });
