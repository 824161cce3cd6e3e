import type { JurisdictionSubject } from './task-jurisdiction';

type Filter = Record<string, unknown>;

/** Matches no document: a subject without any attachment must never widen a query. */
const NOTHING: Filter = { _id: { $exists: false } };

/** Part (b) of the rule as a MongoDB filter on `institutionId` / `organisationCode` / `regionPath`. */
export function jurisdictionFilter(subject: JurisdictionSubject): Filter {
  if (subject.institutionId !== undefined) return { institutionId: subject.institutionId };
  if (subject.organisationCode !== undefined) {
    return { organisationCode: subject.organisationCode };
  }
  if (subject.regionCode !== undefined) return { regionPath: subject.regionCode };
  return NOTHING;
}

/** Task lists a caller can ask for. */
export const TASK_VIEWS = ['candidate', 'mine', 'cc', 'all'] as const;
export type TaskView = (typeof TASK_VIEWS)[number];

/**
 * The whole visibility rule as a filter, narrowed by view, so lists are filtered (and counted)
 * in the database: `candidate` = tasks the subject can act on (a candidate role and unclaimed,
 * or claimed by them), `mine` = assigned to them, `cc` = copied to them, `all` = every task they
 * may see. Role names and ids come from the token's account, never from the request.
 */
export function taskVisibilityFilter(subject: JurisdictionSubject, view: TaskView): Filter {
  const scope = jurisdictionFilter(subject);
  if (scope === NOTHING) return NOTHING;
  const candidate = { candidateGroups: { $in: [...subject.roles] } };
  const assigned = { assignee: subject.userId };
  const copied = { 'cc.userId': subject.userId };
  switch (view) {
    case 'candidate':
      return {
        $and: [scope, { $or: [{ $and: [candidate, { assignee: null }] }, assigned] }],
      };
    case 'mine':
      return { $and: [scope, assigned] };
    case 'cc':
      return { $and: [scope, copied] };
    case 'all':
      return { $and: [scope, { $or: [candidate, assigned, copied] }] };
  }
}
