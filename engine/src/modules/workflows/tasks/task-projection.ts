import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../../../common/clock';
import { WorkflowRuntime, type Incident, type InstanceSnapshot } from '../runtime';
import { CompletionRecorder } from './completion-recorder';
import { CompletionStore } from './completion-store';
import type { OpenIncidentRef, TimelineIncident } from './task-models';
import { TaskDeployments } from './task-deployments';
import { TaskInstanceStore } from './task-instance-store';
import { projectTasks } from './task-projection-diff';
import { TaskStore } from './task-store';
import { NO_EVENT_DETAILS, taskEvent, TimelineStore, type TimelineEvent } from './timeline-store';

const INCIDENT_TEXT = {
  opened: {
    zh: '自动处理步骤多次失败，已转交管理员处理',
    en: 'An automated step failed repeatedly and was handed to an administrator',
  },
  resolved: {
    zh: '管理员已重试失败的自动处理步骤',
    en: 'An administrator retried the failed automated step',
  },
} as const;

/**
 * An incident as the timeline shows it. The handler's message stays out: it can quote stored
 * values, and everyone following the process reads the timeline (admins read it in
 * `/api/admin/incidents`).
 */
function timelineIncident(
  incident: { readonly activityId: string; readonly topic?: string },
  what: 'opened' | 'resolved',
): TimelineIncident {
  return {
    activityId: incident.activityId,
    // Refs stored before the topic was kept have none.
    topic: incident.topic ?? '',
    message: INCIDENT_TEXT[what],
  };
}

/**
 * Keeps `workflow_tasks` and the timeline in step with the runtime's snapshots. Delivery is at
 * least once and may repeat a revision, so every write is idempotent: tasks are upserted by
 * runtime id, events by key, and a snapshot older than the last one applied is ignored (per
 * instance, and per task through `syncedRevision` when two engine processes race).
 */
@Injectable()
export class TaskProjection implements OnModuleInit {
  /** Snapshots of one instance are applied one after another inside this process. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly tasks: TaskStore,
    private readonly completions: CompletionStore,
    private readonly recorder: CompletionRecorder,
    private readonly timeline: TimelineStore,
    private readonly instances: TaskInstanceStore,
    private readonly deployments: TaskDeployments,
    private readonly clock: Clock,
    private readonly runtime: WorkflowRuntime,
  ) {}

  onModuleInit(): void {
    this.runtime.onInstanceChanged((snapshot) => this.sync(snapshot));
  }

  sync(snapshot: InstanceSnapshot): Promise<void> {
    const previous = this.queues.get(snapshot.instanceId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.apply(snapshot));
    this.queues.set(snapshot.instanceId, next);
    const forget = (): void => {
      if (this.queues.get(snapshot.instanceId) === next) this.queues.delete(snapshot.instanceId);
    };
    next.then(forget, forget);
    return next;
  }

  private async apply(snapshot: InstanceSnapshot): Promise<void> {
    const seen = await this.instances.find(snapshot.instanceId);
    if (seen !== null && seen.revision > snapshot.revision) return;
    const now = this.clock.now();
    await this.timeline.record(
      this.instanceEvent(snapshot, 'process.started', new Date(snapshot.startedAt)),
    );

    const deployment = await this.deployments.of(snapshot.workflowKey, snapshot.workflowVersion);
    for (const projected of projectTasks(snapshot, deployment)) {
      const round =
        projected.loopIndex === null
          ? null
          : (projected.roundHint ??
            (projected.loopIndex > 0
              ? await this.tasks.latestRound(snapshot.instanceId, projected.elementId)
              : null) ??
            projected.runtimeTaskId);
      const task = await this.tasks.upsertFromRuntime(projected, round, snapshot.revision);
      if (task === null) continue;
      await this.timeline.record(
        taskEvent(task, 'task.created', `${task.runtimeTaskId}:created`, task.createdAt, {
          seq: snapshot.revision,
        }),
      );
    }

    const present = snapshot.openTasks.map((task) => task.runtimeTaskId);
    const cancelled = await this.tasks.cancelMissing(
      snapshot.instanceId,
      present,
      snapshot.revision,
      now,
    );
    for (const task of cancelled) {
      await this.timeline.record(
        taskEvent(task, 'task.cancelled', `${task.runtimeTaskId}:cancelled`, now, {
          seq: snapshot.revision,
        }),
      );
    }

    // A task our API was completing is gone: the runtime took the decision, even if the request
    // that sent it died before recording it. One still in flight here is left to its request.
    const decided = await this.completions.completingMissing(
      snapshot.instanceId,
      present,
      snapshot.revision,
    );
    for (const task of decided) {
      if (!this.recorder.isInFlight(task.id)) await this.recorder.finish(task);
    }

    const openIncidents = await this.recordIncidents(snapshot, seen?.openIncidents ?? [], now);
    if (snapshot.state !== 'running') {
      const endedAt = snapshot.endedAt === null ? now : new Date(snapshot.endedAt);
      await this.timeline.record(this.instanceEvent(snapshot, 'process.ended', endedAt));
    }
    await this.instances.markApplied(snapshot, openIncidents);
  }

  private async recordIncidents(
    snapshot: InstanceSnapshot,
    previouslyOpen: readonly OpenIncidentRef[],
    now: Date,
  ): Promise<OpenIncidentRef[]> {
    const open = snapshot.openIncidents.filter((incident) => incident.resolvedAt === null);
    for (const incident of open) {
      await this.timeline.record(this.incidentEvent(snapshot, incident, 'opened'));
    }
    const stillOpen = new Set(open.map((incident) => incident.id));
    for (const gone of previouslyOpen.filter((ref) => !stillOpen.has(ref.id))) {
      const resolvedAt = snapshot.openIncidents.find((i) => i.id === gone.id)?.resolvedAt;
      await this.timeline.record({
        ...this.instanceEvent(
          snapshot,
          'incident.resolved',
          resolvedAt ? new Date(resolvedAt) : now,
        ),
        key: `${gone.id}:resolved`,
        elementId: gone.activityId,
        incident: timelineIncident(gone, 'resolved'),
      });
    }
    return open.map(({ id, activityId, topic }) => ({ id, activityId, topic }));
  }

  private incidentEvent(
    snapshot: InstanceSnapshot,
    incident: Incident,
    what: 'opened',
  ): TimelineEvent {
    return {
      ...this.instanceEvent(snapshot, `incident.${what}`, new Date(incident.createdAt)),
      key: `${incident.id}:${what}`,
      elementId: incident.activityId,
      incident: timelineIncident(incident, what),
    };
  }

  private instanceEvent(
    snapshot: InstanceSnapshot,
    type: 'process.started' | 'process.ended' | 'incident.opened' | 'incident.resolved',
    at: Date,
  ): TimelineEvent {
    return {
      key: `${snapshot.instanceId}:${type}`,
      type,
      at,
      // Started before anything else of the instance; ended after everything of its last revision.
      seq:
        type === 'process.started'
          ? 0
          : type === 'process.ended'
            ? snapshot.revision + 0.9
            : snapshot.revision,
      instanceId: snapshot.instanceId,
      businessKey: snapshot.businessKey,
      workflowKey: snapshot.workflowKey,
      ...NO_EVENT_DETAILS,
    };
  }
}
