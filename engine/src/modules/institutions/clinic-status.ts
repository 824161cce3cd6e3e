import type { InstitutionStatus } from './institution-directory';

/**
 * Which status changes a regulator may make. A new clinic is pending until reviewed; a rejected
 * one returns to pending when it resubmits; an approved one can be suspended and reinstated.
 */
const ALLOWED: Readonly<Record<InstitutionStatus, readonly InstitutionStatus[]>> = {
  pending: ['approved', 'rejected'],
  rejected: ['pending'],
  approved: ['suspended'],
  suspended: ['approved'],
};

/** Statuses that must be explained to the clinic. */
const NEEDS_REASON: ReadonlySet<InstitutionStatus> = new Set(['rejected', 'suspended']);

export function canChangeStatus(from: InstitutionStatus, to: InstitutionStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function statusNeedsReason(to: InstitutionStatus): boolean {
  return NEEDS_REASON.has(to);
}

/** Chinese labels for messages. */
export const STATUS_LABEL_ZH: Readonly<Record<InstitutionStatus, string>> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  suspended: '已暂停',
};
