import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { InstanceSnapshot } from '../runtime';
import {
  TASK_INSTANCE_MODEL,
  type OpenIncidentRef,
  type TaskInstanceDocument,
} from './task-models';
import { isDuplicateKeyError } from '../../../database';

/** `workflow_task_instances`: per instance, the last snapshot revision the projection applied. */
@Injectable()
export class TaskInstanceStore {
  constructor(
    @InjectModel(TASK_INSTANCE_MODEL) private readonly instances: Model<TaskInstanceDocument>,
  ) {}

  find(instanceId: string): Promise<TaskInstanceDocument | null> {
    return this.instances.findById(instanceId).lean<TaskInstanceDocument>().exec();
  }

  byBusinessKey(businessKey: string): Promise<TaskInstanceDocument[]> {
    return this.instances.find({ businessKey }).lean<TaskInstanceDocument[]>().exec();
  }

  /**
   * Records the snapshot as applied unless a newer one already was (then the insert the upsert
   * attempts collides with the existing id, which is the expected way of losing here).
   */
  async markApplied(
    snapshot: InstanceSnapshot,
    openIncidents: readonly OpenIncidentRef[],
  ): Promise<void> {
    try {
      await this.instances
        .updateOne(
          { _id: snapshot.instanceId, revision: { $lte: snapshot.revision } },
          {
            $set: {
              revision: snapshot.revision,
              workflowKey: snapshot.workflowKey,
              workflowVersion: snapshot.workflowVersion,
              businessKey: snapshot.businessKey,
              institutionId: snapshot.scope.institutionId,
              regionPath: [...snapshot.scope.regionPath],
              state: snapshot.state,
              openIncidents: [...openIncidents],
            },
          },
          { upsert: true },
        )
        .exec();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
