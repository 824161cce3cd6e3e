import type { Page } from '../../../common/http';
import type { NotificationReader } from './notification-audience';

/** A notification as its reader sees it (the audience stays server-side). */
export interface NotificationView {
  readonly id: string;
  readonly kind: string;
  readonly title: { readonly zh: string; readonly en: string };
  readonly body: { readonly zh: string; readonly en: string };
  readonly link: string | null;
  readonly businessKey: string | null;
  readonly createdAt: Date;
  /** Whether this reader marked it read. */
  readonly read: boolean;
}

export interface InboxQuery {
  readonly unreadOnly: boolean;
  readonly limit: number;
  readonly offset: number;
}

/** A reader's notifications: only those whose audience includes them, newest first. */
export abstract class NotificationInbox {
  abstract list(
    reader: NotificationReader,
    query: InboxQuery,
  ): Promise<Pick<Page<NotificationView>, 'items' | 'total'>>;
  /** Marks it read for this reader; null when it does not exist or is not for them. */
  abstract markRead(reader: NotificationReader, id: string): Promise<NotificationView | null>;
}
