/**
 * In-app notifications store and API. WorkflowsModule wires these.
 */
import type { Provider, Type } from '@nestjs/common';
import type { ModelDefinition } from '@nestjs/mongoose';
import { MongoNotificationInbox } from './mongo-notification-inbox';
import { MongoNotifications } from './mongo-notifications';
import { NotificationInbox } from './notification-inbox';
import { NOTIFICATION_MODEL, notificationSchema } from './notification.schema';
import { Notifications } from './notifications';
import { NotificationsController } from './notifications.controller';

export const NOTIFICATION_MODELS: ModelDefinition[] = [
  { name: NOTIFICATION_MODEL, schema: notificationSchema },
];
export const NOTIFICATION_PROVIDERS: Provider[] = [
  { provide: Notifications, useClass: MongoNotifications },
  { provide: NotificationInbox, useClass: MongoNotificationInbox },
];
export const NOTIFICATION_CONTROLLERS: Type[] = [NotificationsController];
