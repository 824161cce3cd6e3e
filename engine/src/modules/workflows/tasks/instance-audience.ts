import { inJurisdiction, taskAccess, type JurisdictionSubject } from './task-jurisdiction';
import { taskScopeOf, type TaskScope, type WorkflowTask } from './workflow-task';

/** A task of the instance as far as taking part in it goes. */
export interface ParticipantTask extends TaskScope {
  readonly completedBy: string | null;
}

/** What decides who may follow a process instance (read its timeline, be copied on its tasks). */
export interface InstanceAudience {
  readonly institutionId: string | null;
  readonly regionPath: readonly string[];
  /** Candidate groups of every user task of the instance's deployment (and of its projected tasks). */
  readonly candidateGroups: readonly string[];
  /** Every task occurrence of the instance, open or not. */
  readonly tasks: readonly ParticipantTask[];
  /** Users named as the actor of one of the instance's timeline events. */
  readonly actorIds: readonly string[];
}

export function participantTaskOf(task: WorkflowTask): ParticipantTask {
  return { ...taskScopeOf(task), completedBy: task.completedBy };
}

/** Has or had a task of the instance, was copied on one, or did something in it. */
export function tookPart(subject: JurisdictionSubject, audience: InstanceAudience): boolean {
  if (audience.actorIds.includes(subject.userId)) return true;
  return audience.tasks.some(
    (task) =>
      task.assignee === subject.userId ||
      task.completedBy === subject.userId ||
      task.ccUserIds.includes(subject.userId) ||
      taskAccess(subject, task) !== null,
  );
}

/**
 * Who may follow an instance: whoever took part in it, and otherwise someone in its jurisdiction
 * with a stake in this kind of process — a role the workflow hands tasks to, or staff of the
 * instance's institution. Jurisdiction alone is not enough: a provincial policy editor covers
 * every region yet has no business reading each clinic's reviews, nor an insurance reviewer a
 * pharmacist's prescription audits.
 */
export function mayFollowInstance(
  subject: JurisdictionSubject,
  audience: InstanceAudience,
): boolean {
  if (tookPart(subject, audience)) return true;
  const place = {
    institutionId: audience.institutionId,
    regionPath: audience.regionPath,
    organisationCode: null,
  };
  if (!inJurisdiction(subject, place)) return false;
  const staff =
    subject.institutionId !== undefined && subject.institutionId === audience.institutionId;
  return staff || subject.roles.some((role) => audience.candidateGroups.includes(role));
}
