import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AppConfig } from '../../../config';
import { Clock } from '../../../common/clock';
import { Notifications, type NotificationAudience } from '../notifications';
import { TaskStore } from './task-store';
import { taskEvent, TimelineStore } from './timeline-store';
import { PeriodicSweep } from './periodic-sweep';
import type { WorkflowTask } from './workflow-task';

/** Tasks reminded per pass; the next pass takes the rest. */
const BATCH = 100;

/**
 * Who a reminder goes to: the assignee once someone claimed the task, else the holders of its
 * candidate roles where it belongs (the notification store applies the same precedence as the
 * task rule: a reader's institution, else organisation, else region).
 */
export function reminderAudience(task: WorkflowTask): NotificationAudience {
  if (task.assignee !== null) return { userIds: [task.assignee] };
  const regionCode = task.regionPath.at(-1);
  return {
    roles: task.candidateGroups,
    ...(task.institutionId === null ? {} : { institutionId: task.institutionId }),
    ...(task.organisationCode === null ? {} : { organisationCode: task.organisationCode }),
    ...(regionCode === undefined ? {} : { regionCode }),
  };
}

/**
 * Reminds untouched open tasks once their `remindAt` passes (催办). The notification is keyed by
 * task, so two engine processes sweeping together still notify once.
 */
@Injectable()
export class TaskReminders implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly sweep = new PeriodicSweep(
    'task reminder sweep',
    new Logger('TaskReminders'),
    () => this.runDue(this.clock.now()),
  );

  constructor(
    private readonly tasks: TaskStore,
    private readonly timeline: TimelineStore,
    private readonly notifications: Notifications,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.sweep.start(this.config.workflows.pollMs);
  }

  /** Stops before the database connection closes, and lets a sweep under way finish. */
  onModuleDestroy(): Promise<void> {
    return this.sweep.stop();
  }

  /** Reminds every task due at `now`; returns how many were reminded by this call. */
  async runDue(now: Date): Promise<number> {
    let reminded = 0;
    for (;;) {
      const due = await this.tasks.dueForReminder(now, BATCH);
      for (const task of due) {
        if (await this.remind(task, now)) reminded += 1;
      }
      if (due.length < BATCH) return reminded;
    }
  }

  private async remind(task: WorkflowTask, now: Date): Promise<boolean> {
    await this.notifications.publish(
      {
        key: `${task.id}:reminder`,
        kind: 'task-reminder',
        title: { zh: `催办：${task.title.zh}`, en: `Reminder: ${task.title.en}` },
        body: {
          zh: `待办“${task.title.zh}”尚未办理，请尽快处理`,
          en: `The task "${task.title.en}" is still waiting for you`,
        },
        audience: reminderAudience(task),
        link: `/tasks/${task.id}`,
        businessKey: task.businessKey,
      },
      now,
    );
    if (!(await this.tasks.markReminded(task, now))) return false;
    await this.timeline.record(taskEvent(task, 'task.reminded', `${task.id}:reminded`, now));
    return true;
  }
}
