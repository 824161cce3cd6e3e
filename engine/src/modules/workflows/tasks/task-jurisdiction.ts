import type { TaskScope } from './workflow-task';

/** Who is asking: a principal, or an account considered for a transfer or a CC. */
export interface JurisdictionSubject {
  readonly userId: string;
  readonly roles: readonly string[];
  readonly institutionId?: string;
  readonly organisationCode?: string;
  readonly regionCode?: string;
}

/** Where a record belongs: a task, or an instance (which has no organisation of its own). */
export interface JurisdictionPlace {
  readonly institutionId: string | null;
  readonly regionPath: readonly string[];
  readonly organisationCode: string | null;
}

/**
 * Part (b) of the rule: the subject's most specific attachment decides. Staff of an institution
 * see only that institution's records, an organisation's staff only that organisation's, and
 * officials records on whose region path their node lies. A subject with none sees nothing.
 */
export function inJurisdiction(subject: JurisdictionSubject, place: JurisdictionPlace): boolean {
  if (subject.institutionId !== undefined) return place.institutionId === subject.institutionId;
  if (subject.organisationCode !== undefined) {
    return place.organisationCode === subject.organisationCode;
  }
  if (subject.regionCode !== undefined) return place.regionPath.includes(subject.regionCode);
  return false;
}

export function isCandidate(subject: JurisdictionSubject, task: TaskScope): boolean {
  return subject.roles.some((role) => task.candidateGroups.includes(role));
}

/**
 * How the subject relates to a task: `actor` may claim, complete, transfer and copy it (a
 * candidate role or the assignee), `cc` may only read and comment; null means it does not exist
 * for them (answered 404). Both need part (b), so a reviewer of another district gets null.
 */
export function taskAccess(subject: JurisdictionSubject, task: TaskScope): 'actor' | 'cc' | null {
  if (!inJurisdiction(subject, task)) return null;
  if (task.assignee === subject.userId || isCandidate(subject, task)) return 'actor';
  if (task.ccUserIds.includes(subject.userId)) return 'cc';
  return null;
}

/** May act on the task now: an actor, and nobody else holds it. */
export function mayAct(subject: JurisdictionSubject, task: TaskScope): boolean {
  return (
    taskAccess(subject, task) === 'actor' &&
    (task.assignee === null || task.assignee === subject.userId)
  );
}
