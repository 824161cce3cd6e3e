import { evaluateTemplate, isJuelTemplate } from '../bpmn';
import type { OpenUserTask } from '../runtime';
import type { EngineSession, PostponedElement } from './engine-session';
import { lookupName } from './juel-expressions';
import type { CompiledProcess } from './process-compiler';

/** The stable id of one user task occurrence (also across resumes and restarts). */
export function runtimeTaskIdFor(instanceId: string, executionId: string): string {
  return `${instanceId}:${executionId}`;
}

/**
 * The user tasks waiting after a hydration, as a projection of the engine's postponed elements
 * (not of `activity.wait` events, which fire again on every resume). `createdAt` is carried over
 * from the previous save by runtimeTaskId, so a resumed task keeps the time it began waiting.
 */
export function openUserTasks(
  session: EngineSession,
  process: CompiledProcess,
  instanceId: string,
  previous: readonly OpenUserTask[],
  now: Date,
): OpenUserTask[] {
  const createdAt = new Map(previous.map((task) => [task.runtimeTaskId, task.createdAt]));
  const tasks: OpenUserTask[] = [];
  for (const element of session.waiting()) {
    if (element.type !== 'bpmn:UserTask') continue;
    const shape = process.userTasks.get(element.id);
    const runtimeTaskId = runtimeTaskIdFor(instanceId, element.executionId);
    const resolve = (text: string | null | undefined) =>
      resolveAttribute(text, element, session, process);
    tasks.push({
      runtimeTaskId,
      elementId: element.id,
      name: shape?.name || element.id,
      candidateGroups: groupList(resolve(shape?.candidateGroups)),
      assignee: textOrNull(resolve(shape?.assignee)),
      loopIndex: element.content.isMultiInstance === true ? (element.content.index ?? null) : null,
      createdAt: createdAt.get(runtimeTaskId) ?? now.toISOString(),
    });
  }
  return tasks;
}

/** A Camunda attribute: a literal, or a JUEL template read in the task's own scope. */
function resolveAttribute(
  text: string | null | undefined,
  element: PostponedElement,
  session: EngineSession,
  process: CompiledProcess,
): unknown {
  if (text === null || text === undefined) return null;
  if (!isJuelTemplate(text)) return text;
  const scope = { variables: session.variables, elementVariables: process.elementVariables };
  return evaluateTemplate(text, (name) => lookupName(name, element.content, scope));
}

/** `"a, b"` or `["a", "b"]` → `["a", "b"]`. */
function groupList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items
    .filter((item): item is string => typeof item === 'string')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function textOrNull(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number') return String(value);
  return null;
}
