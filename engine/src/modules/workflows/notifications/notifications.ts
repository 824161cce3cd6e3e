/** Who a notification is for: any combination; a reader matches if any audience line matches them. */
export interface NotificationAudience {
  /** Users by id (an assignee, transferred-to or CC'd user). */
  readonly userIds?: readonly string[];
  /** Holders of these roles ... */
  readonly roles?: readonly string[];
  /** ... within this region (region code anywhere on the reader's path or the reader's own node). */
  readonly regionCode?: string;
  /** ... or at this institution. */
  readonly institutionId?: string;
  /** ... or at this organisation (e.g. a designated fever clinic's dictionary code). */
  readonly organisationCode?: string;
}

export interface NotificationInput {
  /**
   * Idempotency key: publishing the same key twice stores one notification (workers pass their
   * job's idempotency key, reminders `${taskId}:reminder`).
   */
  readonly key: string;
  /** Machine-readable kind, e.g. `fever-referral`, `task-reminder`, `task-cc`. */
  readonly kind: string;
  readonly title: { readonly zh: string; readonly en: string };
  readonly body: { readonly zh: string; readonly en: string };
  readonly audience: NotificationAudience;
  /** Where the reader goes from it, e.g. `/tasks/<id>` or `/processes/<businessKey>`. */
  readonly link?: string;
  /** Process business key, so the timeline can show it. */
  readonly businessKey?: string;
}

export interface StoredNotification extends NotificationInput {
  readonly id: string;
  readonly createdAt: Date;
}

/**
 * In-app notices (站内通知): reminders, CC, fever-referral notices to the district CDC. Delivery
 * beyond the app (SMS) would hang off the same records; none is sent here.
 */
export abstract class Notifications {
  /** Stores it unless one with the same key exists; returns whether it was new. */
  abstract publish(input: NotificationInput, now?: Date): Promise<boolean>;
}
