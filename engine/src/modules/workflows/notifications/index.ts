/**
 * In-app notifications: the `Notifications` port tasks and processes publish through, and the
 * module that stores them and serves the inbox API.
 */
export {
  Notifications,
  type NotificationAudience,
  type NotificationInput,
  type StoredNotification,
} from './notifications';
export { NotificationsModule } from './notifications.module';
