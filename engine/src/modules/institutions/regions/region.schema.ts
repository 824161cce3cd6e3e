import { Schema } from 'mongoose';
import type { LocalizedText } from '@sentinel/definitions';

/** A stored region: the tree's nodes, so an administrator's additions outlive the content files. */
export interface RegionRecord {
  code: string;
  name: LocalizedText;
  parent: string | null;
  level: number;
  path: string[];
}

export const REGION_MODEL = 'Region';

export const RegionSchema = new Schema<RegionRecord>(
  {
    code: { type: String, required: true, unique: true },
    name: {
      zh: { type: String, required: true },
      en: { type: String, required: true },
    },
    parent: { type: String, default: null, index: true },
    level: { type: Number, required: true, min: 1, max: 4 },
    path: { type: [String], required: true },
  },
  { collection: 'regions', versionKey: false },
);
