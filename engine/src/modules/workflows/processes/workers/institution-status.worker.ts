import type { InstitutionDirectory, InstitutionStatus } from '../../../institutions';
import {
  DEFAULT_BACKOFF,
  type WorkerContext,
  type WorkerDefinition,
  type WorkerResult,
} from '../../runtime';
import { stringVariable } from './worker-variables';

export const INSTITUTION_STATUS_TOPIC = 'institution-status';

/** The reviewer's decision → the clinic's new status; anything else is a broken process model. */
const STATUS_OF_DECISION: Readonly<Record<string, InstitutionStatus>> = {
  approve: 'approved',
  reject: 'rejected',
};

/**
 * Carries out the district reviewer's decision on the clinic that started the qualification
 * review (approve → approved, reject → rejected with the reason). Idempotent: a redelivered job
 * finds the clinic at the target status and changes nothing. A rejected update of an approved
 * clinic leaves it approved. A transition the table forbids (a clinic suspended meanwhile) is a
 * plain error, so it ends as an incident an admin can see.
 */
export function institutionStatusWorker(directory: InstitutionDirectory): WorkerDefinition {
  return {
    topic: INSTITUTION_STATUS_TOPIC,
    description: 'Sets the starting clinic’s status from the review decision (approve/reject)',
    retries: 5,
    backoff: DEFAULT_BACKOFF,
    handler: async (context: WorkerContext): Promise<WorkerResult> => {
      const institutionId =
        context.scope.institutionId ?? stringVariable(context.variables, 'institutionId');
      if (institutionId === null) {
        throw new Error(
          `${INSTITUTION_STATUS_TOPIC}: instance ${context.instanceId} has no institution`,
        );
      }
      const decision = stringVariable(context.variables, 'decision');
      const status = decision === null ? undefined : STATUS_OF_DECISION[decision];
      if (status === undefined) {
        throw new Error(
          `${INSTITUTION_STATUS_TOPIC}: decision "${decision ?? ''}" is neither approve nor reject`,
        );
      }
      // An approved clinic that filed updated documents keeps its approval when the update is
      // rejected: the documents it was approved on still stand (the table forbids approved → rejected).
      const current = await directory.institution(institutionId);
      if (current?.status === 'approved' && status === 'rejected') {
        return { variables: { institutionStatus: 'approved' } };
      }
      const reason = status === 'rejected' ? stringVariable(context.variables, 'reason') : null;
      await directory.setStatusBySystem(institutionId, status, reason, 'system', {
        source: `workflow:${context.workflowKey}:${context.instanceId}`,
      });
      return { variables: { institutionStatus: status } };
    },
  };
}
