import { Schema, type Types } from 'mongoose';
import type { NotificationAudience } from './notifications';

/** Mongoose model name of `notifications`. */
export const NOTIFICATION_MODEL = 'Notification';

type Text = { zh: string; en: string };

/** One notification as stored: what was published, its flattened audience, who has read it. */
export interface NotificationRecord {
  _id: Types.ObjectId;
  key: string;
  kind: string;
  title: Text;
  body: Text;
  link: string | null;
  businessKey: string | null;
  /** As published, for the timeline and for audits of who was meant. */
  audience: NotificationAudience;
  audienceUserIds: string[];
  audienceRoles: string[];
  audienceRegionPath: string[];
  audienceInstitutionId: string | null;
  audienceOrganisationCode: string | null;
  scoped: boolean;
  createdAt: Date;
  /** User ids that marked it read (per-user marks on a shared notice). */
  readBy: string[];
}

const text = { zh: { type: String, required: true }, en: { type: String, required: true } };

export const notificationSchema = new Schema<NotificationRecord>(
  {
    key: { type: String, required: true },
    kind: { type: String, required: true },
    title: text,
    body: text,
    link: { type: String, default: null },
    businessKey: { type: String, default: null },
    audience: { type: Schema.Types.Mixed, required: true },
    audienceUserIds: { type: [String], default: [] },
    audienceRoles: { type: [String], default: [] },
    audienceRegionPath: { type: [String], default: [] },
    audienceInstitutionId: { type: String, default: null },
    audienceOrganisationCode: { type: String, default: null },
    scoped: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    readBy: { type: [String], default: [] },
  },
  { collection: 'notifications', versionKey: false, minimize: false, strict: 'throw' },
);
// Publishing the same key twice (a job delivered again, a reminder re-run) stores one notice.
notificationSchema.index({ key: 1 }, { unique: true });
// One index per way a reader is reached, each newest first for the inbox.
notificationSchema.index({ audienceUserIds: 1, createdAt: -1 });
notificationSchema.index({ audienceRegionPath: 1, createdAt: -1 });
notificationSchema.index({ audienceInstitutionId: 1, createdAt: -1 });
notificationSchema.index({ audienceOrganisationCode: 1, createdAt: -1 });
notificationSchema.index({ audienceRoles: 1, createdAt: -1 });
// A process's timeline lists the notices about it.
notificationSchema.index({ businessKey: 1, createdAt: 1 });
