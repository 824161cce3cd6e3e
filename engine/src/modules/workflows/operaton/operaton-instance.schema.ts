import { Schema, type Types } from 'mongoose';
import type { Incident, InstanceScope, InstanceState, OpenUserTask } from '../runtime';

/** What the last snapshot said, kept so `instance()` answers without calling Operaton. */
export interface StoredSnapshot {
  readonly state: InstanceState;
  /** JSON text: variable names are free-form and may not be valid MongoDB field names. */
  readonly variablesJson: string;
  readonly openTasks: readonly OpenUserTask[];
  readonly openIncidents: readonly Incident[];
  readonly startedAt: string;
  readonly endedAt: string | null;
}

/** Failures this engine reported for one external task (keyed by its id in `jobs`). */
export interface JobRecord {
  readonly failures: number;
  readonly topic: string;
  readonly activityId: string;
}

/**
 * The adapter's mirror of one Operaton process instance (collection `operaton_instances`):
 * what Operaton does not know (our workflow key and version, the instance's scope), the start
 * claim that makes `start` idempotent, and the last snapshot with its revision and whether the
 * listeners have seen it (at-least-once delivery).
 */
export interface OperatonInstanceRecord {
  _id: Types.ObjectId;
  workflowKey: string;
  businessKey: string;
  workflowVersion: number;
  /** BPMN process id: Operaton's process definition key. */
  processId: string;
  /** Operaton's process instance id; absent while the start is only claimed. */
  instanceId?: string;
  scope: InstanceScope;
  /** Who is starting the instance; another start waits for it or, when stale, takes over. */
  claimToken: string;
  claimedAt: Date;
  snapshot: StoredSnapshot | null;
  /** SHA-256 of the snapshot content: reading an unchanged instance does not raise the revision. */
  fingerprint: string | null;
  revision: number;
  /** False until every listener accepted `revision`. */
  delivered: boolean;
  jobs: Record<string, JobRecord>;
  createdAt: Date;
  updatedAt: Date;
}

export const OPERATON_INSTANCE_MODEL = 'OperatonInstance';

export const OperatonInstanceSchema = new Schema<OperatonInstanceRecord>(
  {
    workflowKey: { type: String, required: true },
    businessKey: { type: String, required: true, index: true },
    workflowVersion: { type: Number, required: true },
    processId: { type: String, required: true },
    instanceId: { type: String, index: true },
    scope: {
      institutionId: { type: String, default: null },
      regionPath: { type: [String], default: [] },
    },
    claimToken: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    snapshot: { type: Schema.Types.Mixed, default: null },
    fingerprint: { type: String, default: null },
    revision: { type: Number, required: true, default: 0 },
    delivered: { type: Boolean, required: true, default: true, index: true },
    jobs: { type: Schema.Types.Mixed, default: {} },
  },
  {
    collection: 'operaton_instances',
    timestamps: true,
    versionKey: false,
    minimize: false,
  },
);
OperatonInstanceSchema.index({ workflowKey: 1, businessKey: 1 }, { unique: true });
OperatonInstanceSchema.index({ processId: 1, businessKey: 1 });
OperatonInstanceSchema.index({ 'snapshot.state': 1, _id: 1 });
