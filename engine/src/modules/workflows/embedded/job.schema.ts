import { Schema } from 'mongoose';
import type { JobOutcome } from './external-task-service';

/** Mongoose model name of `workflow_jobs`. */
export const WORKFLOW_JOB_MODEL = 'WorkflowJob';

/**
 * ready: due at `nextRunAt`; locked: a worker runs it until `lockUntil` (then anyone may take it
 * over); done: `outcome` holds the result; incident: retries ran out; cancelled: the instance no
 * longer waits for it (a boundary event interrupted the task, or it ended).
 */
export type JobStatus = 'ready' | 'locked' | 'done' | 'incident' | 'cancelled';

/** One external task occurrence, Camunda style. */
export interface JobRecord {
  /** `${instanceId}:${executionId}`: the idempotency key handed to every delivery. */
  _id: string;
  instanceId: string;
  workflowKey: string;
  workflowVersion: number;
  businessKey: string;
  activityId: string;
  topic: string;
  status: JobStatus;
  /** Deliveries started (a takeover after an expired lock counts, it is a new delivery). */
  attempts: number;
  /** Failed deliveries since the job was created or an admin retried its incident. */
  failures: number;
  /** Deliveries an admin granted with `retryIncident`; null → the worker's own retry policy. */
  retryBudget: number | null;
  /** Camunda's `retries` after the last failure (null before any). */
  retriesLeft: number | null;
  /**
   * ready: when it is due. done and not yet applied: when the re-delivery pass may try to apply
   * its outcome (moved on with a backoff after a failed attempt, so one stuck outcome does not
   * hold up the others).
   */
  nextRunAt: Date;
  lockedBy: string | null;
  lockUntil: Date | null;
  outcome: JobOutcome | null;
  /** The outcome reached the instance (until then the re-delivery pass resumes it). */
  applied: boolean;
  /** Re-delivery attempts that failed to apply the outcome (the backoff's exponent). */
  applyFailures: number;
  /** Message of the last failure (no stack, no personal values). */
  lastError: string | null;
  incidentId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const workflowJobSchema = new Schema<JobRecord>(
  {
    _id: { type: String, required: true },
    instanceId: { type: String, required: true },
    workflowKey: { type: String, required: true },
    workflowVersion: { type: Number, required: true },
    businessKey: { type: String, required: true },
    activityId: { type: String, required: true },
    topic: { type: String, required: true },
    status: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    failures: { type: Number, default: 0 },
    retryBudget: { type: Number, default: null },
    retriesLeft: { type: Number, default: null },
    nextRunAt: { type: Date, required: true },
    lockedBy: { type: String, default: null },
    lockUntil: { type: Date, default: null },
    outcome: { type: Schema.Types.Mixed, default: null },
    applied: { type: Boolean, default: false },
    applyFailures: { type: Number, default: 0 },
    lastError: { type: String, default: null },
    incidentId: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'workflow_jobs', versionKey: false, minimize: false, strict: 'throw' },
);
workflowJobSchema.index({ status: 1, nextRunAt: 1 });
workflowJobSchema.index({ status: 1, lockUntil: 1 });
workflowJobSchema.index({ status: 1, applied: 1, nextRunAt: 1 });
workflowJobSchema.index({ instanceId: 1 });
