import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { WorkflowDefinition } from '@sentinel/definitions';
import type { Model } from 'mongoose';
import { definitionChecksum } from '../../registry';
import type { WorkflowDeployment } from '../runtime';
import {
  WORKFLOW_DEPLOYMENT_MODEL,
  type WorkflowDeploymentRecord,
} from './workflow-deployment.schema';
import {
  WorkflowDeploymentStore,
  type DeploymentVersionSummary,
} from './workflow-deployment-store';
import { WorkflowVersionConflictError, type DeployOutcome } from './workflow-deployments';
import { isDuplicateKeyError } from '../../../database';

const WITHOUT_ID = { _id: 0 } as const;
const SUMMARY_FIELDS = {
  _id: 0,
  version: 1,
  processId: 1,
  checksum: 1,
  deployedAt: 1,
  deployedBy: 1,
} as const;

/** `$schema` is an editor hint (the checksum ignores it too): not part of what runs. */
function storedDefinition(definition: WorkflowDefinition): Record<string, unknown> {
  const { $schema: _hint, ...content } = definition as unknown as Record<string, unknown>;
  return content;
}

function toDeployment(record: WorkflowDeploymentRecord): WorkflowDeployment {
  return {
    key: record.key,
    version: record.version,
    processId: record.processId,
    definition: record.definition as unknown as WorkflowDefinition,
    checksum: record.checksum,
    deployedAt: record.deployedAt,
    deployedBy: record.deployedBy,
  };
}

/** The only file that touches the `workflow_deployments` model. */
@Injectable()
export class MongoWorkflowDeployments extends WorkflowDeploymentStore implements OnModuleInit {
  constructor(
    @InjectModel(WORKFLOW_DEPLOYMENT_MODEL)
    private readonly deployments: Model<WorkflowDeploymentRecord>,
  ) {
    super();
  }

  /** The unique index must exist before content seeding relies on it to settle races. */
  async onModuleInit(): Promise<void> {
    await this.deployments.init();
  }

  async saveLinted(
    definition: WorkflowDefinition,
    processId: string,
    deployedBy: string,
    now: Date = new Date(),
  ): Promise<DeployOutcome> {
    const content = storedDefinition(definition);
    const checksum = definitionChecksum(content);
    const unchanged = await this.unchangedOrConflict(definition, checksum);
    if (unchanged !== null) return { deployment: unchanged, created: false };
    const record: WorkflowDeploymentRecord = {
      key: definition.key,
      version: definition.version,
      processId,
      definition: content,
      checksum,
      deployedAt: now,
      deployedBy,
    };
    try {
      await this.deployments.create(record);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Another instance stored this version first: the same text is a no-op, other text a conflict.
      const winner = await this.unchangedOrConflict(definition, checksum);
      if (winner !== null) return { deployment: winner, created: false };
      throw new WorkflowVersionConflictError(definition.key, definition.version);
    }
    return { deployment: toDeployment(record), created: true };
  }

  async latest(key: string): Promise<WorkflowDeployment | null> {
    const record = await this.latestRecord(key);
    return record === null ? null : toDeployment(record);
  }

  async version(key: string, version: number): Promise<WorkflowDeployment | null> {
    const record = await this.deployments
      .findOne({ key, version }, WITHOUT_ID)
      .lean<WorkflowDeploymentRecord>();
    return record === null ? null : toDeployment(record);
  }

  async list(): Promise<readonly WorkflowDeployment[]> {
    const keys = (await this.deployments.distinct('key')).sort();
    return this.latestOf(keys);
  }

  async startedByForm(formKey: string): Promise<readonly WorkflowDeployment[]> {
    // Keys that ever started from the form, then only those whose latest version still does.
    const keys = (
      await this.deployments.distinct('key', { 'definition.startForm': formKey })
    ).sort();
    const latest = await this.latestOf(keys);
    return latest.filter((deployment) => deployment.definition.startForm === formKey);
  }

  async versions(key: string): Promise<readonly DeploymentVersionSummary[]> {
    return this.deployments
      .find({ key }, SUMMARY_FIELDS)
      .sort({ version: 1 })
      .lean<DeploymentVersionSummary[]>();
  }

  /**
   * The latest version when it has this checksum (a redeploy of the same text); null when the
   * definition may be stored as a new version; `WorkflowVersionConflictError` when its version is
   * not above the latest.
   */
  private async unchangedOrConflict(
    definition: WorkflowDefinition,
    checksum: string,
  ): Promise<WorkflowDeployment | null> {
    const latest = await this.latestRecord(definition.key);
    if (latest === null) return null;
    if (latest.checksum === checksum) return toDeployment(latest);
    if (definition.version <= latest.version) {
      throw new WorkflowVersionConflictError(definition.key, latest.version);
    }
    return null;
  }

  private async latestOf(keys: readonly string[]): Promise<WorkflowDeployment[]> {
    const records = await Promise.all(keys.map((key) => this.latestRecord(key)));
    return records
      .filter((record): record is WorkflowDeploymentRecord => record !== null)
      .map(toDeployment);
  }

  private latestRecord(key: string): Promise<WorkflowDeploymentRecord | null> {
    return this.deployments
      .findOne({ key }, WITHOUT_ID)
      .sort({ version: -1 })
      .lean<WorkflowDeploymentRecord>();
  }
}
