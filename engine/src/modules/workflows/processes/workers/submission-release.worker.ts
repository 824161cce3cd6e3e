import type { WorkflowSubmissions } from '../../../submissions';
import {
  DEFAULT_BACKOFF,
  type WorkerContext,
  type WorkerDefinition,
  type WorkerResult,
} from '../../runtime';

export const SUBMISSION_RELEASE_TOPIC = 'submission-release';

/**
 * Makes the starting submission (an approved prescription) readable by its patient: the patient
 * records whose ID number matches are added to its readers (the submission is the instance's
 * business key). Keyed on the job's idempotency key,
 * so a redelivery after a crash releases nothing twice.
 */
export function submissionReleaseWorker(submissions: WorkflowSubmissions): WorkerDefinition {
  return {
    topic: SUBMISSION_RELEASE_TOPIC,
    description: 'Releases the starting submission (a prescription) to its patient',
    retries: 5,
    backoff: DEFAULT_BACKOFF,
    handler: async (context: WorkerContext): Promise<WorkerResult> => {
      // The business key, never a variable: a task form field could shadow a variable, and the
      // release must only ever concern the submission that started this instance.
      await submissions.releaseToPatients(context.businessKey, context.idempotencyKey);
      return { variables: { releasedToPatient: true } };
    },
  };
}
