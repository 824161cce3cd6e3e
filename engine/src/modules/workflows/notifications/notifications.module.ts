import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClockModule } from '../../../common/clock';
import { InstitutionsModule } from '../../institutions';
import { MongoNotificationInbox } from './mongo-notification-inbox';
import { MongoNotifications } from './mongo-notifications';
import { NotificationInbox } from './notification-inbox';
import { NOTIFICATION_MODEL, notificationSchema } from './notification.schema';
import { Notifications } from './notifications';
import { NotificationsController } from './notifications.controller';

/**
 * In-app notices (站内通知) and the reader's inbox API. Exports only the publishing side: tasks
 * (reminders, CC) and processes (CDC notices, dead letters) publish; the inbox is this API's own.
 */
@Module({
  imports: [
    ClockModule,
    MongooseModule.forFeature([{ name: NOTIFICATION_MODEL, schema: notificationSchema }]),
    InstitutionsModule,
  ],
  controllers: [NotificationsController],
  providers: [
    { provide: Notifications, useClass: MongoNotifications },
    { provide: NotificationInbox, useClass: MongoNotificationInbox },
  ],
  exports: [Notifications],
})
export class NotificationsModule {}
