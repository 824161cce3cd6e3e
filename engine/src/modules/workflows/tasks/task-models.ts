import type { ModelDefinition } from '@nestjs/mongoose';
import { Schema, type Types } from 'mongoose';
import type { LocalizedText } from '@sentinel/definitions';
import type { Variables } from '../runtime';
import type { WorkflowTask } from './workflow-task';

export const TASK_MODEL = 'WorkflowTask';
export const EVENT_MODEL = 'WorkflowEvent';
export const TASK_INSTANCE_MODEL = 'WorkflowTaskInstance';
export const TASKS_COLLECTION = 'workflow_tasks';

/**
 * A task as stored: the id is the ObjectId the first upsert created. `signature` exists only on
 * a countersign share being completed or completed (`instance:element:round:user`), so a unique
 * sparse index lets one person sign one share per round even when two requests race.
 */
export type TaskDocument = Omit<WorkflowTask, 'id'> & {
  readonly _id: Types.ObjectId;
  readonly signature?: string;
};

const localizedSchema = new Schema({ zh: String, en: String }, { _id: false });
const ccSchema = new Schema(
  { userId: String, displayName: String, by: String, at: Date },
  { _id: false },
);
const commentSchema = new Schema(
  { id: String, by: String, byName: String, text: String, at: Date },
  { _id: false },
);
const nullableString = { type: String, default: null };
const nullableDate = { type: Date, default: null };
const nullableMixed = { type: Schema.Types.Mixed, default: null };
const pendingSchema = new Schema(
  {
    action: String,
    reason: nullableString,
    comment: nullableString,
    values: { type: Schema.Types.Mixed, default: {} },
    assignee: nullableString,
    claimedAt: nullableDate,
  },
  { _id: false, minimize: false },
);

/**
 * Schemas are typed with form values as plain objects: the recursive `Variables` type is more
 * than mongoose's schema inference can instantiate.
 */
type WithOpaqueValues<T> = Omit<T, 'values' | 'pending'> & {
  readonly values: Record<string, unknown> | null;
};

/** `workflow_tasks`: the task projection, upserted by runtime task id. */
export const taskSchema = new Schema<
  WithOpaqueValues<TaskDocument> & { readonly pending: Record<string, unknown> | null }
>(
  {
    runtimeTaskId: { type: String, required: true, unique: true },
    instanceId: { type: String, required: true, index: true },
    elementId: { type: String, required: true },
    workflowKey: { type: String, required: true },
    workflowVersion: { type: Number, required: true },
    businessKey: { type: String, required: true, index: true },
    title: { type: localizedSchema, required: true },
    formKey: nullableString,
    formVersion: { type: Number, default: null },
    actions: { type: [String], default: ['complete'] },
    decisionVariable: { type: String, default: 'decision' },
    candidateGroups: { type: [String], default: [], index: true },
    assignee: { ...nullableString, index: true },
    claimedAt: nullableDate,
    loopIndex: { type: Number, default: null },
    round: nullableString,
    institutionId: { ...nullableString, index: true },
    regionPath: { type: [String], default: [], index: true },
    organisationCode: { ...nullableString, index: true },
    status: { type: String, required: true, index: true },
    createdAt: { type: Date, required: true, index: true },
    dueAt: nullableDate,
    remindAt: { ...nullableDate, index: true },
    remindedAt: nullableDate,
    completedAt: nullableDate,
    completedBy: nullableString,
    completedByName: nullableString,
    action: nullableString,
    reason: nullableString,
    comment: nullableString,
    values: nullableMixed,
    completingSince: { ...nullableDate, index: true },
    pending: { type: pendingSchema, default: null },
    // No default: a sparse index skips documents without the field, but not null values.
    signature: { type: String, unique: true, sparse: true },
    cancelledAt: nullableDate,
    cc: { type: [ccSchema], default: [] },
    comments: { type: [commentSchema], default: [] },
    revision: { type: Number, default: 0 },
    syncedRevision: { type: Number, default: 0 },
  },
  { collection: TASKS_COLLECTION, versionKey: false, strict: 'throw', minimize: false },
);
taskSchema.index({ 'cc.userId': 1 });
taskSchema.index({ instanceId: 1, elementId: 1, round: 1 });

/** One timeline line; `key` makes a redelivered snapshot or a retried request write it once. */
export interface EventDocument {
  readonly _id: Types.ObjectId;
  readonly key: string;
  readonly type: string;
  readonly at: Date;
  /**
   * Causal order among events at the same instant (a clock that did not move, or one
   * millisecond): the instance revision the event belongs to, with fractions for what people do
   * between revisions (+0.25) and completions that lead to the next revision (+0.5).
   */
  readonly seq: number;
  readonly instanceId: string;
  readonly businessKey: string;
  readonly workflowKey: string;
  readonly taskId: string | null;
  readonly elementId: string | null;
  readonly title: { readonly zh: string; readonly en: string } | null;
  readonly actor: string | null;
  readonly actorName: string | null;
  readonly action: string | null;
  readonly reason: string | null;
  readonly comment: string | null;
  readonly targets: readonly { readonly userId: string; readonly displayName: string }[];
  /** task.completed: the task-form values the decision carried. */
  readonly values: Variables | null;
  readonly incident: TimelineIncident | null;
}

/**
 * An incident as a timeline tells it: where and which worker, with a fixed text. The handler's
 * own message can quote stored values, so only admins read it (`/api/admin/incidents`).
 */
export interface TimelineIncident {
  readonly activityId: string;
  readonly topic: string;
  readonly message: LocalizedText;
}

const targetSchema = new Schema({ userId: String, displayName: String }, { _id: false });
const incidentSchema = new Schema(
  { activityId: String, topic: String, message: { type: localizedSchema } },
  { _id: false },
);

/** `workflow_events`: the process timeline. */
export const eventSchema = new Schema<WithOpaqueValues<EventDocument>>(
  {
    key: { type: String, required: true, unique: true },
    type: { type: String, required: true },
    at: { type: Date, required: true },
    seq: { type: Number, required: true },
    instanceId: { type: String, required: true },
    businessKey: { type: String, required: true, index: true },
    workflowKey: { type: String, required: true },
    taskId: nullableString,
    elementId: nullableString,
    title: { type: localizedSchema, default: null },
    actor: nullableString,
    actorName: nullableString,
    action: nullableString,
    reason: nullableString,
    comment: nullableString,
    targets: { type: [targetSchema], default: [] },
    values: nullableMixed,
    incident: { type: incidentSchema, default: null },
  },
  { collection: 'workflow_events', versionKey: false, strict: 'throw', minimize: false },
);

/**
 * What the projection last applied per instance (`workflow_task_instances`): the revision gate
 * that makes an older snapshot a no-op, the scope the timeline is checked against, and the
 * incidents seen open (so their resolution can be told).
 */
export interface TaskInstanceDocument {
  readonly _id: string;
  readonly revision: number;
  readonly workflowKey: string;
  readonly businessKey: string;
  /** Absent on instances applied before it was recorded. */
  readonly workflowVersion?: number;
  readonly institutionId: string | null;
  readonly regionPath: readonly string[];
  readonly state: string;
  readonly openIncidents: readonly OpenIncidentRef[];
}

/** An incident seen open, kept so its resolution can be written with what it was about. */
export interface OpenIncidentRef {
  readonly id: string;
  readonly activityId: string;
  /** Absent on refs stored before the topic was kept. */
  readonly topic?: string;
}

const openIncidentSchema = new Schema(
  { id: String, activityId: String, topic: String },
  { _id: false },
);

export const taskInstanceSchema = new Schema<TaskInstanceDocument>(
  {
    _id: { type: String, required: true },
    revision: { type: Number, required: true },
    workflowKey: { type: String, required: true },
    workflowVersion: Number,
    businessKey: { type: String, required: true, index: true },
    institutionId: nullableString,
    regionPath: { type: [String], default: [] },
    state: { type: String, required: true },
    openIncidents: { type: [openIncidentSchema], default: [] },
  },
  { collection: 'workflow_task_instances', versionKey: false, strict: 'throw' },
);

export const TASK_MODEL_DEFINITIONS: ModelDefinition[] = [
  { name: TASK_MODEL, schema: taskSchema },
  { name: EVENT_MODEL, schema: eventSchema },
  { name: TASK_INSTANCE_MODEL, schema: taskInstanceSchema },
];
