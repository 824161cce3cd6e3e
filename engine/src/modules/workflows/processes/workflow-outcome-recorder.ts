import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { SubmissionMissingError, WorkflowSubmissions } from '../../submissions';
import { WorkflowRuntime, type InstanceSnapshot } from '../runtime';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * When a process started by a submission ends, its last decision and reason are written onto that
 * submission (`workflowOutcomes[workflowKey]`), so a doctor sees that the prescription was
 * rejected and why, and an institution that its information passed review — without the process
 * model needing a service task for it. Snapshots arrive at least once; writing the same outcome
 * again changes nothing.
 */
@Injectable()
export class WorkflowOutcomeRecorder implements OnModuleInit {
  private readonly logger = new Logger('WorkflowOutcomeRecorder');

  constructor(
    private readonly submissions: WorkflowSubmissions,
    private readonly runtime: WorkflowRuntime,
  ) {}

  onModuleInit(): void {
    this.runtime.onInstanceChanged((snapshot) => this.record(snapshot));
  }

  async record(snapshot: InstanceSnapshot): Promise<void> {
    if (snapshot.state !== 'completed' || snapshot.endedAt === null) return;
    // Only processes a submission started: their business key is the submission's id.
    if (snapshot.variables['submissionId'] !== snapshot.businessKey) return;
    try {
      await this.submissions.recordOutcome(snapshot.businessKey, snapshot.workflowKey, {
        decision: text(snapshot.variables['decision']),
        reason: text(snapshot.variables['reason']),
        endedAt: new Date(snapshot.endedAt),
      });
    } catch (error) {
      // A report that is gone has nowhere to keep its outcome; anything else is re-delivered.
      if (!(error instanceof SubmissionMissingError)) throw error;
      this.logger.warn(`instance ${snapshot.instanceId} ended for a missing submission`);
    }
  }
}
