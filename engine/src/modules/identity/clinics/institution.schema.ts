import { Schema, type Types } from 'mongoose';
import type { InstitutionStatus } from '../institution-directory';

export const INSTITUTION_STATUSES: readonly InstitutionStatus[] = [
  'pending',
  'approved',
  'rejected',
  'suspended',
];

/** One decision on a clinic's status, kept so a review can be traced. */
export interface StatusChange {
  status: InstitutionStatus;
  reason: string | null;
  actor: string;
  at: Date;
}

/** A clinic's address is the clinic's, not a person's: stored in clear. */
export interface InstitutionAddress {
  region: string;
  detail: string;
}

export interface InstitutionRecord {
  _id: Types.ObjectId;
  name: string;
  /** The name normalised for uniqueness (see `institutionNameKey`). */
  nameKey: string;
  type: string;
  address: InstitutionAddress;
  insuranceDesignated: boolean;
  /** District-level region the clinic belongs to (the address's region). */
  regionCode: string;
  regionPath: string[];
  status: InstitutionStatus;
  statusHistory: StatusChange[];
  /** The first account; null only inside the registration transaction that creates both. */
  adminUserId: string | null;
  /** Version of the `clinic-registration` form the registration was validated against. */
  formVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export const INSTITUTION_MODEL = 'Institution';

export const InstitutionSchema = new Schema<InstitutionRecord>(
  {
    name: { type: String, required: true },
    nameKey: { type: String, required: true, unique: true },
    type: { type: String, required: true },
    address: {
      region: { type: String, required: true },
      detail: { type: String, required: true },
    },
    insuranceDesignated: { type: Boolean, required: true },
    regionCode: { type: String, required: true },
    regionPath: { type: [String], required: true, index: true },
    status: { type: String, required: true, enum: INSTITUTION_STATUSES, index: true },
    statusHistory: {
      type: [
        new Schema<StatusChange>(
          {
            status: { type: String, required: true },
            reason: { type: String, default: null },
            actor: { type: String, required: true },
            at: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    adminUserId: { type: String, default: null },
    formVersion: { type: Number, required: true },
  },
  { collection: 'institutions', timestamps: true, versionKey: false },
);

/**
 * Institution names are unique after trimming, folding full-width characters (NFKC) and
 * collapsing inner white space, so `东莞市某诊所 ` and `东莞市某诊所` are the same clinic.
 */
export function institutionNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}
