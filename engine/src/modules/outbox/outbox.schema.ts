import { Schema } from 'mongoose';
import type { OutboxEvent } from './outbox-event';

export const OUTBOX_MODEL = 'OutboxEvent';

/** An event as stored: the writer's fields plus the consumer side's lease and dead letter. */
export type OutboxDocument = Omit<OutboxEvent, 'id'> & {
  _id: string;
  leasedBy?: string | null;
  leasedUntil?: Date | null;
  deadLetteredAt?: Date | null;
  deadLetterReason?: string | null;
};

/** `submission.accepted` events; `lease*` and `deadLetter*` belong to the consumer side (OutboxReader). */
export const outboxSchema = new Schema(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    submissionId: { type: String, required: true },
    formKey: { type: String, required: true },
    formVersion: { type: Number, required: true },
    status: { type: String, required: true },
    institutionId: { type: String, required: true },
    regionPath: { type: [String], required: true },
    derived: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    publishedAt: { type: Date, default: null },
    leasedBy: { type: String, default: null },
    leasedUntil: { type: Date, default: null },
    attempts: { type: Number, default: 0 },
    deadLetteredAt: { type: Date, default: null },
    deadLetterReason: { type: String, default: null },
  },
  { collection: 'outbox', versionKey: false, minimize: false },
);
outboxSchema.index({ publishedAt: 1, createdAt: 1 });
