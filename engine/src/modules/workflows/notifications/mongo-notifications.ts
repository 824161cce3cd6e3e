import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Clock } from '../../../common/clock';
import { InstitutionDirectory } from '../../institutions';
import { resolveAudience } from './notification-audience';
import { NOTIFICATION_MODEL, type NotificationRecord } from './notification.schema';
import { Notifications, type NotificationAudience, type NotificationInput } from './notifications';
import { isDuplicateKeyError } from '../../../database';

/** Publishes notices into `notifications`, once per key. */
@Injectable()
export class MongoNotifications extends Notifications implements OnModuleInit {
  constructor(
    @InjectModel(NOTIFICATION_MODEL) private readonly notifications: Model<NotificationRecord>,
    private readonly directory: InstitutionDirectory,
    private readonly clock: Clock,
  ) {
    super();
  }

  /** The unique key index must exist before a redelivered job relies on it. */
  async onModuleInit(): Promise<void> {
    await this.notifications.init();
  }

  async publish(input: NotificationInput, now: Date = this.clock.now()): Promise<boolean> {
    const regionPath = await this.audienceRegionPath(input.audience);
    try {
      await this.notifications.create({
        key: input.key,
        kind: input.kind,
        title: { zh: input.title.zh, en: input.title.en },
        body: { zh: input.body.zh, en: input.body.en },
        link: input.link ?? null,
        businessKey: input.businessKey ?? null,
        audience: input.audience,
        ...resolveAudience(input.audience, regionPath),
        createdAt: now,
        readBy: [],
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /**
   * The audience region's path, resolved once at publish. A code the region tree does not know
   * still reaches readers at exactly that node.
   */
  private async audienceRegionPath(audience: NotificationAudience): Promise<readonly string[]> {
    if (audience.regionCode === undefined) return [];
    const path = await this.directory.regionPath(audience.regionCode);
    return path.length > 0 ? path : [audience.regionCode];
  }
}
