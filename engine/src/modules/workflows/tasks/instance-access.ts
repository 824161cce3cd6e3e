import { Injectable } from '@nestjs/common';
import { participantTaskOf, type InstanceAudience } from './instance-audience';
import { candidateGroupsOf, TaskDeployments } from './task-deployments';
import { TaskStore } from './task-store';
import { TimelineStore } from './timeline-store';
import type { WorkflowTask } from './workflow-task';

/** What is stored about an instance that its audience depends on. */
export interface InstancePlace {
  readonly workflowKey: string;
  /** Null for instances applied before their version was kept (the latest is used then). */
  readonly workflowVersion: number | null;
  readonly institutionId: string | null;
  readonly regionPath: readonly string[];
}

/** Gathers the facts `mayFollowInstance` decides on, from the deployment, the tasks and the timeline. */
@Injectable()
export class InstanceAccess {
  constructor(
    private readonly tasks: TaskStore,
    private readonly timeline: TimelineStore,
    private readonly deployments: TaskDeployments,
  ) {}

  /** `tasks` and `actorIds` are the instance's own (the caller has usually loaded them already). */
  async audienceOf(
    instance: InstancePlace,
    tasks: readonly WorkflowTask[],
    actorIds: readonly string[],
  ): Promise<InstanceAudience> {
    const version = instance.workflowVersion ?? tasks[0]?.workflowVersion ?? null;
    const deployment = await this.deployments.of(instance.workflowKey, version);
    const groups = new Set([
      ...candidateGroupsOf(deployment),
      ...tasks.flatMap((task) => task.candidateGroups),
    ]);
    return {
      institutionId: instance.institutionId,
      regionPath: instance.regionPath,
      candidateGroups: [...groups],
      tasks: tasks.map(participantTaskOf),
      actorIds,
    };
  }

  /** The audience of the instance a task belongs to. */
  async audienceOfTask(task: WorkflowTask): Promise<InstanceAudience> {
    const [tasks, actorIds] = await Promise.all([
      this.tasks.ofInstances([task.instanceId]),
      this.timeline.actorsOf(task.businessKey, task.instanceId),
    ]);
    return this.audienceOf(
      {
        workflowKey: task.workflowKey,
        workflowVersion: task.workflowVersion,
        institutionId: task.institutionId,
        regionPath: task.regionPath,
      },
      tasks,
      actorIds,
    );
  }
}
