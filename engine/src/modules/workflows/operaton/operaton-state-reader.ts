import { Injectable } from '@nestjs/common';
import type { InstanceState, OpenUserTask, VariableValue } from '../runtime';
import { EngineRestClient, OperatonRequestError, restPath } from './engine-rest-client';
import {
  restDateToIso,
  type RestHistoricProcessInstance,
  type RestHistoricVariable,
  type RestIdentityLink,
  type RestIncident,
  type RestProcessInstance,
  type RestTask,
  type RestTypedValue,
  type RestVariables,
} from './engine-rest.types';
import { fromTypedValue, fromTypedVariables } from './typed-variables';

/** One instance as Operaton shows it now (incidents still in engine-rest's shape). */
export interface ObservedInstance {
  readonly state: InstanceState;
  readonly variables: Record<string, VariableValue>;
  readonly openTasks: readonly OpenUserTask[];
  readonly incidents: readonly RestIncident[];
  readonly startedAt: string;
  readonly endedAt: string | null;
}

function stateOf(history: RestHistoricProcessInstance | null, running: boolean): InstanceState {
  if (running) return 'running';
  return history?.state === 'COMPLETED' || history === null ? 'completed' : 'terminated';
}

/**
 * Reads an instance's state through engine-rest: running or ended (GET /process-instance/{id},
 * then history), process variables, open user tasks with candidate groups and loop index, open
 * incidents. The reads are not one transaction; a change between them shows up at the next read,
 * because the snapshot fingerprint differs then.
 */
@Injectable()
export class OperatonStateReader {
  constructor(private readonly rest: EngineRestClient) {}

  /** Null when Operaton knows no such instance (neither runtime nor history). */
  async read(instanceId: string, knownStartedAt: string | null): Promise<ObservedInstance | null> {
    const running = await this.rest.find<RestProcessInstance>(
      restPath`/process-instance/${instanceId}`,
    );
    const history =
      running !== null && knownStartedAt !== null
        ? null
        : await this.rest.find<RestHistoricProcessInstance>(
            restPath`/history/process-instance/${instanceId}`,
          );
    if (running === null && history === null) return null;
    const stillRunning = running !== null && history?.endTime == null;
    const [openTasks, incidents, variables] = stillRunning
      ? await Promise.all([
          this.openTasks(instanceId),
          this.openIncidents(instanceId),
          this.runningVariables(instanceId),
        ])
      : [[], [], await this.historicVariables(instanceId)];
    return {
      state: stateOf(history, stillRunning),
      variables,
      openTasks,
      incidents,
      startedAt: history
        ? restDateToIso(history.startTime)
        : (knownStartedAt ?? new Date().toISOString()),
      endedAt: history?.endTime ? restDateToIso(history.endTime) : null,
    };
  }

  private async runningVariables(instanceId: string): Promise<Record<string, VariableValue>> {
    try {
      const variables = await this.rest.get<RestVariables>(
        restPath`/process-instance/${instanceId}/variables`,
        {
          deserializeValues: false,
        },
      );
      return fromTypedVariables(variables);
    } catch (error) {
      // The instance ended between the two reads: its variables are in history now.
      if (error instanceof OperatonRequestError && (error.status === 404 || error.status === 500)) {
        return this.historicVariables(instanceId);
      }
      throw error;
    }
  }

  private async historicVariables(instanceId: string): Promise<Record<string, VariableValue>> {
    const rows = await this.rest.get<RestHistoricVariable[]>('/history/variable-instance', {
      processInstanceId: instanceId,
      deserializeValues: false,
    });
    // Process-level variables belong to the root activity instance, whose id is the instance's.
    return Object.fromEntries(
      rows
        .filter((row) => row.activityInstanceId === null || row.activityInstanceId === instanceId)
        .map((row) => [row.name, fromTypedValue(row)]),
    );
  }

  private openIncidents(instanceId: string): Promise<RestIncident[]> {
    return this.rest.get<RestIncident[]>('/incident', {
      processInstanceId: instanceId,
      incidentType: 'failedExternalTask',
    });
  }

  private async openTasks(instanceId: string): Promise<OpenUserTask[]> {
    const tasks = await this.rest.get<RestTask[]>('/task', {
      processInstanceId: instanceId,
      sortBy: 'created',
      sortOrder: 'asc',
    });
    return Promise.all(tasks.map((task) => this.openTask(task)));
  }

  private async openTask(task: RestTask): Promise<OpenUserTask> {
    const [links, loopCounter] = await Promise.all([
      this.rest.get<RestIdentityLink[]>(restPath`/task/${task.id}/identity-links`, {
        type: 'candidate',
      }),
      // Read through the task so it resolves up the scopes (a user task with a boundary event is
      // its own scope below the multi-instance execution that holds loopCounter).
      this.rest.find<RestTypedValue>(restPath`/task/${task.id}/variables/loopCounter`, {
        deserializeValue: false,
      }),
    ]);
    const loopIndex = loopCounter === null ? null : fromTypedValue(loopCounter);
    return {
      runtimeTaskId: task.id,
      elementId: task.taskDefinitionKey,
      name: task.name ?? task.taskDefinitionKey,
      candidateGroups: links.flatMap((link) =>
        link.type === 'candidate' && link.groupId ? [link.groupId] : [],
      ),
      assignee: task.assignee,
      loopIndex: typeof loopIndex === 'number' ? loopIndex : null,
      createdAt: restDateToIso(task.created),
    };
  }
}
