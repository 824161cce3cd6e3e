import { Schema } from 'mongoose';

/** Mongoose model name of `workflow_deployments`. */
export const WORKFLOW_DEPLOYMENT_MODEL = 'WorkflowDeployment';

/** One stored version, as the collection holds it. */
export interface WorkflowDeploymentRecord {
  key: string;
  version: number;
  processId: string;
  /** The definition as deployed (`$schema` dropped). */
  definition: Record<string, unknown>;
  checksum: string;
  deployedAt: Date;
  deployedBy: string;
}

/**
 * Immutable versions; the unique (key, version) index settles two deploys racing for one number.
 * `minimize: false` keeps empty objects (`parameters: {}`) so the checksum of what is read back
 * equals the checksum of what was deployed.
 */
export const workflowDeploymentSchema = new Schema<WorkflowDeploymentRecord>(
  {
    key: { type: String, required: true },
    version: { type: Number, required: true },
    processId: { type: String, required: true },
    definition: { type: Schema.Types.Mixed, required: true },
    checksum: { type: String, required: true },
    deployedAt: { type: Date, required: true },
    deployedBy: { type: String, required: true },
  },
  {
    collection: 'workflow_deployments',
    versionKey: false,
    minimize: false,
    strict: 'throw',
  },
);
workflowDeploymentSchema.index({ key: 1, version: 1 }, { unique: true });
// The outbox consumer asks, per accepted submission, which workflows its form starts.
workflowDeploymentSchema.index({ 'definition.startForm': 1, key: 1 });
