import type { SubmissionIssue, ValidationResult } from '@sentinel/definitions';
import { submissionRejected } from '../registry';
import type { SubmissionStatus } from './submission.types';

/** Issue codes that only say something is missing: a patient's pre-fill may lack the medical part. */
const INCOMPLETENESS = new Set(['required', 'too-few-rows']);

/**
 * Whether a validated submission may be stored in the status asked for, and with which issues:
 * `reported` must be valid; `pending` may be incomplete but nothing it holds may be wrong;
 * `draft` is kept whatever it holds. @throws ApiError 422 naming every blocking path.
 */
export function acceptedIssues(
  result: ValidationResult,
  status: SubmissionStatus,
): readonly SubmissionIssue[] {
  const blocking =
    status === 'reported'
      ? result.errors
      : status === 'pending'
        ? result.errors.filter((e) => !INCOMPLETENESS.has(e.code))
        : [];
  if (blocking.length > 0) throw submissionRejected({ ...result, errors: blocking }, '/values');
  return status === 'reported' ? [] : result.errors;
}
