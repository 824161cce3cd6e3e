import { Schema, type Types } from 'mongoose';
import type { Official } from './official-store';

/**
 * Roles a provincial administrator hands out: regulators, policy staff, the insurance bureau's
 * reviewers, epidemic handlers, and the staff of designated fever clinics (who also carry their
 * clinic's `fever-clinics` dictionary code).
 */
export const OFFICIAL_ROLES = [
  'district_reviewer',
  'city_regulator',
  'province_admin',
  'policy_editor',
  'insurance_reviewer',
  'epidemic_handler',
  'fever_clinic',
] as const;
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];

/** Roles whose account belongs to an outside organisation named by a dictionary code. */
export const ORGANISATION_OFFICIAL_ROLES: readonly OfficialRole[] = ['fever_clinic'];

/** The dictionary an organisation official's code must come from. */
export const FEVER_CLINICS_DICTIONARY = 'fever-clinics';

/** The stored document: the port's official with an ObjectId `_id` (the adapter maps it). */
export type OfficialRecord = Omit<Official, 'id' | 'regionPath'> & {
  _id: Types.ObjectId;
  regionPath: string[];
  updatedAt: Date;
};

export const OFFICIAL_MODEL = 'Official';

export const OfficialSchema = new Schema<OfficialRecord>(
  {
    userId: { type: String, required: true, unique: true },
    username: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    role: { type: String, required: true, enum: OFFICIAL_ROLES },
    regionCode: { type: String, required: true },
    regionPath: { type: [String], required: true, index: true },
    organisationCode: { type: String },
    createdBy: { type: String, required: true },
  },
  { collection: 'officials', timestamps: true, versionKey: false },
);

/**
 * Which region levels suit each role: provincial roles sit at the province, reviewers, epidemic
 * handlers and fever clinics at a district or below; the insurance bureau has offices at every level.
 */
export function levelSuits(role: OfficialRole, level: number): boolean {
  switch (role) {
    case 'province_admin':
    case 'policy_editor':
      return level === 1;
    case 'city_regulator':
      return level === 2;
    case 'insurance_reviewer':
      return level >= 1;
    case 'district_reviewer':
    case 'epidemic_handler':
    case 'fever_clinic':
      return level >= 3;
  }
}

export interface OfficialView {
  readonly id: string;
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: OfficialRole;
  readonly regionCode: string;
  readonly regionPath: readonly string[];
  readonly organisationCode?: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

export function officialView(record: Official): OfficialView {
  return {
    id: record.id,
    userId: record.userId,
    username: record.username,
    displayName: record.displayName,
    role: record.role,
    regionCode: record.regionCode,
    regionPath: record.regionPath,
    ...(record.organisationCode === undefined ? {} : { organisationCode: record.organisationCode }),
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
  };
}
