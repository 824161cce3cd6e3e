import type { WorkflowDefinition } from '@sentinel/definitions';
import { SYSTEM_VARIABLES } from '../bpmn';

/**
 * Process variables a task form may not set, because the process trusts them: the system
 * variables the starter and the task API write, the task's decision, the variables an
 * organisation is addressed through, those copied from the starting submission, and the
 * parameters an admin deploys. A form field so named could re-route or re-address the process.
 */
export function trustedVariableNames(
  decisionVariable: string,
  definition: WorkflowDefinition | null,
): ReadonlySet<string> {
  const names = new Set<string>([...SYSTEM_VARIABLES, 'reason', 'comment', decisionVariable]);
  if (definition === null) return names;
  for (const task of definition.userTasks) {
    if (task.organisationVariable !== undefined) names.add(task.organisationVariable);
  }
  for (const name of Object.keys(definition.startVariables ?? {})) names.add(name);
  for (const name of Object.keys(definition.parameters ?? {})) names.add(name);
  return names;
}

/** The first key of `values` that names a trusted variable, or null. */
export function firstTrustedKey(
  values: Readonly<Record<string, unknown>>,
  trusted: ReadonlySet<string>,
): string | null {
  return Object.keys(values).find((key) => trusted.has(key)) ?? null;
}
