import type { InstanceScope } from '../runtime';
import type { EngineSession, WaitingJob } from './engine-session';
import type { InstanceRecord } from './instance.schema';
import type { JobRecord } from './job.schema';
import { openUserTasks } from './open-tasks';
import type { CompiledProcess } from './process-compiler';

/** The identity of an instance, fixed at start. */
export interface InstanceIdentity {
  readonly instanceId: string;
  readonly workflowKey: string;
  readonly workflowVersion: number;
  readonly businessKey: string;
  readonly scope: InstanceScope;
}

/**
 * The next stored form of an instance after a hydration: everything the engine says now, with
 * the revision bumped. `followUpNeeded` marks saves that create or cancel jobs or have listeners
 * to tell (the re-delivery pass finishes them after a crash).
 */
export async function nextInstanceRecord(
  previous: InstanceRecord | null,
  identity: InstanceIdentity,
  session: EngineSession,
  process: CompiledProcess,
  now: Date,
  hasListeners: boolean,
): Promise<InstanceRecord> {
  const completed = session.completed;
  const waitingJobs = session.waitingJobs();
  const timers = session.timerRecords();
  const waitingActivities = new Set(waitingJobs.map((job) => job.activityId));
  return {
    _id: identity.instanceId,
    workflowKey: identity.workflowKey,
    workflowVersion: identity.workflowVersion,
    businessKey: identity.businessKey,
    scope: {
      institutionId: identity.scope.institutionId,
      regionPath: [...identity.scope.regionPath],
    },
    state: completed ? 'completed' : 'running',
    variables: { ...session.variables },
    openTasks: openUserTasks(session, process, identity.instanceId, previous?.openTasks ?? [], now),
    // An incident stays open while its service task still waits (an admin may retry it).
    openIncidents: (previous?.openIncidents ?? []).filter((incident) =>
      waitingActivities.has(incident.activityId),
    ),
    engineState: session.leanState(),
    timers,
    nextTimerAt: timers[0]?.dueAt ?? null,
    waitingJobs,
    revision: (previous?.revision ?? 0) + 1,
    projectedRevision: previous?.projectedRevision ?? 0,
    projectionPending: hasListeners || jobsChanged(previous?.waitingJobs ?? [], waitingJobs),
    startedAt: previous?.startedAt ?? now,
    endedAt: completed ? now : null,
    updatedAt: now,
  };
}

export function identityOf(record: InstanceRecord): InstanceIdentity {
  return {
    instanceId: record._id,
    workflowKey: record.workflowKey,
    workflowVersion: record.workflowVersion,
    businessKey: record.businessKey,
    scope: record.scope,
  };
}

/** A new job for an external task the instance just reached. */
export function newJob(
  record: InstanceRecord,
  waiting: WaitingJob,
  now: Date,
  lock: { workerId: string; lockUntil: Date } | null,
): JobRecord {
  return {
    _id: waiting.jobId,
    instanceId: record._id,
    workflowKey: record.workflowKey,
    workflowVersion: record.workflowVersion,
    businessKey: record.businessKey,
    activityId: waiting.activityId,
    topic: waiting.topic,
    status: lock === null ? 'ready' : 'locked',
    attempts: lock === null ? 0 : 1,
    failures: 0,
    retryBudget: null,
    retriesLeft: null,
    nextRunAt: now,
    lockedBy: lock?.workerId ?? null,
    lockUntil: lock?.lockUntil ?? null,
    outcome: null,
    applied: false,
    applyFailures: 0,
    lastError: null,
    incidentId: null,
    createdAt: now,
    updatedAt: now,
  };
}

function jobsChanged(before: readonly WaitingJob[], after: readonly WaitingJob[]): boolean {
  if (before.length !== after.length) return true;
  const ids = new Set(before.map((job) => job.jobId));
  return after.some((job) => !ids.has(job.jobId));
}
