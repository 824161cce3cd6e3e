import type { WorkflowSubmissions } from '../../../submissions/workflow-submissions';
import {
  DEFAULT_BACKOFF,
  type WorkerContext,
  type WorkerDefinition,
  type WorkerResult,
} from '../../runtime/worker-registry';
import { stringVariable } from './worker-variables';

export const SUBMISSION_RELEASE_TOPIC = 'submission-release';

/**
 * Makes the starting submission (an approved prescription) readable by its patient: the patient
 * records whose ID number matches are added to its readers. Keyed on the job's idempotency key,
 * so a redelivery after a crash releases nothing twice.
 */
export function submissionReleaseWorker(submissions: WorkflowSubmissions): WorkerDefinition {
  return {
    topic: SUBMISSION_RELEASE_TOPIC,
    description: 'Releases the starting submission (a prescription) to its patient',
    retries: 5,
    backoff: DEFAULT_BACKOFF,
    handler: async (context: WorkerContext): Promise<WorkerResult> => {
      const submissionId = stringVariable(context.variables, 'submissionId') ?? context.businessKey;
      await submissions.releaseToPatients(submissionId, context.idempotencyKey);
      return { variables: { releasedToPatient: true } };
    },
  };
}
