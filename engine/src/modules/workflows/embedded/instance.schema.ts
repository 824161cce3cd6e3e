import { Schema } from 'mongoose';
import type { Incident, InstanceState, OpenUserTask, VariableValue } from '../runtime';
import type { TimerRecord } from './deferred-timers';
import type { WaitingJob } from './engine-session';

/** Mongoose model name of `workflow_instances`. */
export const WORKFLOW_INSTANCE_MODEL = 'WorkflowInstance';

/** One process instance as stored: what the runtime reports, plus the engine's lean state. */
export interface InstanceRecord {
  /** Derived from (workflowKey, businessKey): the _id index makes a second start a no-op. */
  _id: string;
  workflowKey: string;
  workflowVersion: number;
  businessKey: string;
  state: InstanceState;
  scope: { institutionId: string | null; regionPath: string[] };
  variables: Record<string, VariableValue>;
  openTasks: OpenUserTask[];
  openIncidents: Incident[];
  /** bpmn-engine's `getState()` without the model, as JSON text; null once the instance ended. */
  engineState: string | null;
  timers: TimerRecord[];
  /** Earliest `timers[].dueAt`: what the scheduler queries. */
  nextTimerAt: Date | null;
  waitingJobs: WaitingJob[];
  /** Bumped by every save; saves are conditional on the revision they read. */
  revision: number;
  /** Highest revision every listener has seen. */
  projectedRevision: number;
  /** A save not yet followed through (jobs created, listeners called): the re-delivery pass's work. */
  projectionPending: boolean;
  startedAt: Date;
  endedAt: Date | null;
  updatedAt: Date;
}

/**
 * Sub-documents are Mixed and the schema untyped: the runtime writes whole records through the
 * driver and validates them itself (and the recursive variable type is too deep for mongoose's
 * schema inference). The schema is here for the indexes.
 */
export const workflowInstanceSchema = new Schema(
  {
    _id: { type: String, required: true },
    workflowKey: { type: String, required: true },
    workflowVersion: { type: Number, required: true },
    businessKey: { type: String, required: true },
    state: { type: String, required: true },
    scope: { type: Schema.Types.Mixed, required: true },
    variables: { type: Schema.Types.Mixed, default: {} },
    openTasks: { type: Schema.Types.Mixed, default: [] },
    openIncidents: { type: Schema.Types.Mixed, default: [] },
    engineState: { type: String, default: null },
    timers: { type: Schema.Types.Mixed, default: [] },
    nextTimerAt: { type: Date, default: null },
    waitingJobs: { type: Schema.Types.Mixed, default: [] },
    revision: { type: Number, required: true },
    projectedRevision: { type: Number, default: 0 },
    projectionPending: { type: Boolean, default: false },
    startedAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'workflow_instances', versionKey: false, minimize: false, strict: 'throw' },
);
// Look-ups by business key; uniqueness per (workflowKey, businessKey) is the derived _id's job.
workflowInstanceSchema.index({ workflowKey: 1, businessKey: 1 });
workflowInstanceSchema.index({ businessKey: 1, startedAt: 1 });
workflowInstanceSchema.index({ nextTimerAt: 1 });
workflowInstanceSchema.index({ projectionPending: 1, updatedAt: 1 });
