import { Schema } from 'mongoose';

/** Mongoose model name of `workflow_incidents`. */
export const WORKFLOW_INCIDENT_MODEL = 'WorkflowIncident';

/** A job whose retries ran out (or that no handler could take): kept after it is resolved. */
export interface IncidentRecord {
  _id: string;
  jobId: string;
  instanceId: string;
  workflowKey: string;
  businessKey: string;
  activityId: string;
  topic: string;
  message: string;
  attempts: number;
  createdAt: Date;
  resolvedAt: Date | null;
}

export const workflowIncidentSchema = new Schema<IncidentRecord>(
  {
    _id: { type: String, required: true },
    jobId: { type: String, required: true },
    instanceId: { type: String, required: true },
    workflowKey: { type: String, required: true },
    businessKey: { type: String, required: true },
    activityId: { type: String, required: true },
    topic: { type: String, required: true },
    message: { type: String, required: true },
    attempts: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    resolvedAt: { type: Date, default: null },
  },
  { collection: 'workflow_incidents', versionKey: false, strict: 'throw' },
);
workflowIncidentSchema.index({ resolvedAt: 1, createdAt: -1 });
workflowIncidentSchema.index({ workflowKey: 1, createdAt: -1 });
workflowIncidentSchema.index({ instanceId: 1 });
