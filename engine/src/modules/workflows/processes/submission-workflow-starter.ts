import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AppConfig } from '../../../config';
import { Clock } from '../../../common/clock';
import { InstitutionDirectory } from '../../institutions';
import {
  deadLetterDue,
  deliveryAttempts,
  MAX_DELIVERY_ATTEMPTS,
  OutboxReader,
  type OutboxEvent,
} from '../../outbox';
import { WorkflowSubmissions } from '../../submissions';
import { WorkflowDeployments, WorkflowSeeder } from '../deployments';
import { Notifications } from '../notifications';
import { WorkflowRuntime, type WorkflowDeployment } from '../runtime';
import { needsValues, scopeRegionCode, startsFor, startVariablesOf } from './process-variables';

/** Claims of one event before it is dead-lettered: the outbox's dead-letter policy. */
export const MAX_START_ATTEMPTS = MAX_DELIVERY_ATTEMPTS;
/** Events claimed per pass: enough to drain a burst, few enough to finish within one lease. */
export const STARTER_BATCH = 50;

/** What one pass did. */
export interface StarterPass {
  readonly claimed: number;
  /** `WorkflowRuntime.start` calls that returned (a start already made counts: it is idempotent). */
  readonly started: number;
  /** Events marked published (handled, including those that start nothing). */
  readonly published: number;
  /** Events left for a later pass after a failure (their lease runs out, then they come back). */
  readonly failed: number;
}

const IDLE: StarterPass = { claimed: 0, started: 0, published: 0, failed: 0 };

/**
 * Starts the workflows a reported submission's form names, consuming the outbox:
 * claim a batch under a lease, start each matching workflow with the submission id as business
 * key, then mark the event published. Delivery is at least once (a crash before the mark, a
 * lease that ran out), and exactly-once starts follow from the runtime's idempotent start per
 * (workflow key, business key): a redelivered event, or the second event of an update, finds
 * the instance already there.
 */
@Injectable()
export class SubmissionWorkflowStarter
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('SubmissionWorkflowStarter');
  private timer: NodeJS.Timeout | null = null;
  /** The pass in flight; passes run one after another, never side by side. */
  private tail: Promise<StarterPass> = Promise.resolve(IDLE);

  constructor(
    private readonly outbox: OutboxReader,
    private readonly deployments: WorkflowDeployments,
    private readonly submissions: WorkflowSubmissions,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly institutions: InstitutionDirectory,
    private readonly runtime: WorkflowRuntime,
    private readonly seeder: WorkflowSeeder,
    private readonly notifications: Notifications,
  ) {}

  onApplicationBootstrap(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((error: unknown) =>
        this.logger.error(`outbox pass failed: ${describe(error)}`),
      );
    }, this.config.workflows.pollMs);
    this.timer.unref();
  }

  /** Before the runtime stops (its `onApplicationShutdown`), so no start is cut off midway. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.tail.catch(() => IDLE);
  }

  /** One pass now, after any pass in flight (tests, and the interval). */
  runOnce(): Promise<StarterPass> {
    const next = this.tail.catch(() => IDLE).then(() => this.pass());
    this.tail = next;
    return next;
  }

  private async pass(): Promise<StarterPass> {
    await this.seeder.settled;
    const events = await this.outbox.claim({
      consumer: this.config.workflows.workerId,
      limit: STARTER_BATCH,
      leaseMs: this.config.workflows.jobLockMs,
      now: this.clock.now(),
    });
    const handled: string[] = [];
    let started = 0;
    for (const event of events) {
      try {
        started += await this.startAll(event);
        handled.push(event.id);
      } catch (error) {
        await this.failed(event, error);
      }
    }
    if (handled.length > 0) await this.outbox.markPublished(handled, this.clock.now());
    return {
      claimed: events.length,
      started,
      published: handled.length,
      failed: events.length - handled.length,
    };
  }

  /**
   * A start that failed is retried after its lease; after MAX_DELIVERY_ATTEMPTS claims the event is
   * dead-lettered and the province admins are told, so a submission never silently lacks its process.
   */
  private async failed(event: OutboxEvent, error: unknown): Promise<void> {
    // Ids and keys only: the submission's values never reach the log or the notice.
    const what = `outbox event ${event.id} (form ${event.formKey}, submission ${event.submissionId})`;
    const attempts = deliveryAttempts(event);
    if (!deadLetterDue(event)) {
      this.logger.warn(
        `${what} not started (attempt ${attempts}), retried after its lease: ${describe(error)}`,
      );
      return;
    }
    this.logger.error(
      `${what} not started after ${attempts} attempts, dead-lettered: ${describe(error)}`,
    );
    await this.outbox.markDeadLettered(event.id, describe(error), this.clock.now());
    await this.notifications.publish(
      {
        key: `outbox-dead-letter:${event.id}`,
        kind: 'workflow-start-failed',
        title: { zh: '流程未能启动', en: 'A process could not start' },
        body: {
          zh: `表单 ${event.formKey} 的提交 ${event.submissionId} 在 ${attempts} 次尝试后仍未能启动流程，请检查流程定义与服务日志。`,
          en: `Submission ${event.submissionId} of form ${event.formKey} could not start its process after ${attempts} attempts; check the workflow definitions and the logs.`,
        },
        audience: { roles: ['province_admin'] },
        businessKey: event.submissionId,
      },
      this.clock.now(),
    );
  }

  /** Starts every workflow this event starts; returns how many. */
  private async startAll(event: OutboxEvent): Promise<number> {
    // Pre-fills (`pending`) wait for staff: the process starts with the reported version.
    if (event.type !== 'submission.accepted' || event.status !== 'reported') return 0;
    const matching = (await this.deployments.startedByForm(event.formKey)).filter((d) =>
      startsFor(d.definition, event),
    );
    if (matching.length === 0) return 0;
    const values = await this.valuesFor(matching, event);
    for (const deployment of matching) {
      await this.runtime.start({
        workflowKey: deployment.key,
        businessKey: event.submissionId,
        variables: startVariablesOf(deployment.definition, event, values),
        scope: {
          institutionId: event.institutionId,
          regionPath: await this.regionPathFor(deployment, event, values),
        },
      });
    }
    return matching.length;
  }

  /**
   * The filer's region path, or the path of the region the start form names when the workflow
   * routes by it (a clue goes to the district where it was found); an unknown code falls back.
   */
  private async regionPathFor(
    deployment: WorkflowDeployment,
    event: OutboxEvent,
    values: Readonly<Record<string, unknown>>,
  ): Promise<string[]> {
    const code = scopeRegionCode(deployment.definition, values);
    if (code === null) return [...event.regionPath];
    const path = await this.institutions.regionPath(code);
    return path.length > 0 ? [...path] : [...event.regionPath];
  }

  /** The submission's non-personal values, read once per event and only when a workflow copies some. */
  private async valuesFor(
    matching: readonly WorkflowDeployment[],
    event: OutboxEvent,
  ): Promise<Readonly<Record<string, unknown>>> {
    if (!matching.some((d) => needsValues(d.definition))) return {};
    const submission = await this.submissions.nonPersonal(event.submissionId);
    if (submission === null) throw new Error(`submission ${event.submissionId} is missing`);
    return submission.values;
  }
}

/** An error's name and the start of its message, for the log. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  return `${error.name}: ${error.message.slice(0, 200)}`;
}
