import { Schema, type Types } from 'mongoose';
import type { Institution, StatusChange } from './institution-store';

import { INSTITUTION_STATUSES } from './institution-store';

export { INSTITUTION_STATUSES, institutionNameKey } from './institution-store';

/** The stored document: the port's institution with an ObjectId `_id` (the adapter maps it). */
export type InstitutionRecord = Omit<Institution, 'id' | 'statusHistory' | 'regionPath'> & {
  _id: Types.ObjectId;
  statusHistory: StatusChange[];
  regionPath: string[];
};

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
