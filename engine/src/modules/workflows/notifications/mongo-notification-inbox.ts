import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';
import { audienceFilter, type NotificationReader } from './notification-audience';
import { NotificationInbox, type InboxQuery, type NotificationView } from './notification-inbox';
import { NOTIFICATION_MODEL, type NotificationRecord } from './notification.schema';

/** Ids are ObjectIds; anything else cannot name a notification. */
export const NOTIFICATION_ID = /^[0-9a-f]{24}$/i;

const VIEW_FIELDS = {
  kind: 1,
  title: 1,
  body: 1,
  link: 1,
  businessKey: 1,
  createdAt: 1,
  readBy: 1,
} as const;

type ViewRecord = Pick<NotificationRecord, '_id' | keyof typeof VIEW_FIELDS>;

function toView(record: ViewRecord, reader: NotificationReader): NotificationView {
  return {
    id: record._id.toHexString(),
    kind: record.kind,
    title: { zh: record.title.zh, en: record.title.en },
    body: { zh: record.body.zh, en: record.body.en },
    link: record.link,
    businessKey: record.businessKey,
    createdAt: record.createdAt,
    read: record.readBy.includes(reader.userId),
  };
}

@Injectable()
export class MongoNotificationInbox extends NotificationInbox {
  constructor(
    @InjectModel(NOTIFICATION_MODEL) private readonly notifications: Model<NotificationRecord>,
  ) {
    super();
  }

  async list(
    reader: NotificationReader,
    query: InboxQuery,
  ): Promise<{ items: NotificationView[]; total: number }> {
    const filter = {
      ...audienceFilter(reader),
      ...(query.unreadOnly ? { readBy: { $ne: reader.userId } } : {}),
    };
    const [records, total] = await Promise.all([
      this.notifications
        .find(filter, VIEW_FIELDS)
        .sort({ createdAt: -1, _id: -1 })
        .skip(query.offset)
        .limit(query.limit)
        .lean<ViewRecord[]>(),
      this.notifications.countDocuments(filter),
    ]);
    return { items: records.map((record) => toView(record, reader)), total };
  }

  async markRead(reader: NotificationReader, id: string): Promise<NotificationView | null> {
    if (!NOTIFICATION_ID.test(id)) return null;
    const record = await this.notifications
      .findOneAndUpdate(
        { _id: new Types.ObjectId(id), ...audienceFilter(reader) },
        { $addToSet: { readBy: reader.userId } },
        { returnDocument: 'after', projection: VIEW_FIELDS },
      )
      .lean<ViewRecord>();
    return record === null ? null : toView(record, reader);
  }
}
