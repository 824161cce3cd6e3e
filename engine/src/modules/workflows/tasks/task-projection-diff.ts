import type { WorkflowAction, WorkflowUserTask } from '@sentinel/definitions';
import type { InstanceSnapshot, OpenUserTask, WorkflowDeployment } from '../runtime';
import { addIsoDuration } from './iso-duration';
import type { TaskFacts } from './workflow-task';

/** A task as one snapshot and its deployment describe it, before human state is merged in. */
export interface ProjectedTask extends TaskFacts {
  /** Only used when the task is first seen: a person's claim or transfer is never overwritten. */
  readonly runtimeAssignee: string | null;
  /**
   * For a multi-instance occurrence: the runtime id of the round's first occurrence (loop index
   * 0) when it is open in the same snapshot (parallel 会签 opens all at once); null otherwise.
   */
  readonly roundHint: string | null;
}

const DEFAULT_ACTIONS: readonly WorkflowAction[] = ['complete'];

function deadline(createdAt: Date, duration: string | undefined): Date | null {
  return duration === undefined ? null : addIsoDuration(createdAt, duration);
}

function organisationOf(snapshot: InstanceSnapshot, variable: string | undefined): string | null {
  if (variable === undefined) return null;
  const value = snapshot.variables[variable];
  return typeof value === 'string' && value !== '' ? value : null;
}

function roundHintOf(task: OpenUserTask, snapshot: InstanceSnapshot): string | null {
  if (task.loopIndex === null) return null;
  const first = snapshot.openTasks.find(
    (other) => other.elementId === task.elementId && other.loopIndex === 0,
  );
  return first?.runtimeTaskId ?? null;
}

/**
 * Every open task of the snapshot with the metadata its deployment gives it (title, form,
 * actions, deadlines, the organisation it is addressed to). Pure: the projection merges the
 * result into the store. A task the deployment does not describe still appears, with defaults.
 */
export function projectTasks(
  snapshot: InstanceSnapshot,
  deployment: WorkflowDeployment | null,
): ProjectedTask[] {
  const metadata = new Map<string, WorkflowUserTask>(
    (deployment?.definition.userTasks ?? []).map((task) => [task.taskId, task]),
  );
  return snapshot.openTasks.map((task) => {
    const meta = metadata.get(task.elementId);
    const createdAt = new Date(task.createdAt);
    const name = task.name === '' ? task.elementId : task.name;
    const groups = meta?.candidateGroups ?? [];
    return {
      runtimeTaskId: task.runtimeTaskId,
      instanceId: snapshot.instanceId,
      elementId: task.elementId,
      workflowKey: snapshot.workflowKey,
      workflowVersion: snapshot.workflowVersion,
      businessKey: snapshot.businessKey,
      title: meta?.title ?? { zh: name, en: name },
      formKey: meta?.form ?? null,
      formVersion: meta?.formVersion ?? null,
      actions:
        meta?.actions !== undefined && meta.actions.length > 0 ? meta.actions : DEFAULT_ACTIONS,
      decisionVariable: meta?.decisionVariable ?? 'decision',
      candidateGroups: groups.length > 0 ? groups : task.candidateGroups,
      runtimeAssignee: task.assignee,
      loopIndex: task.loopIndex,
      institutionId: snapshot.scope.institutionId,
      regionPath: snapshot.scope.regionPath,
      organisationCode: organisationOf(snapshot, meta?.organisationVariable),
      createdAt,
      dueAt: deadline(createdAt, meta?.dueAfter),
      remindAt: deadline(createdAt, meta?.remindAfter),
      roundHint: roundHintOf(task, snapshot),
    };
  });
}
