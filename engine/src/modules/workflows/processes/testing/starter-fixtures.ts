/*
 * Doubles and builders shared by the SubmissionWorkflowStarter specs: an outbox with leases, the
 * deployments a form starts, a runtime that records starts, and the starter wired over them.
 */
import type { WorkflowDefinition } from '@sentinel/definitions';
import { Clock } from '../../../../common/clock';
import type { AppConfig } from '../../../../config';
import type { InstitutionDirectory } from '../../../institutions';
import { OutboxReader, type OutboxEvent } from '../../../outbox';
import type { WorkflowSubmissions } from '../../../submissions';
import { WorkflowDeployments, type WorkflowSeeder } from '../../deployments';
import type { Notifications } from '../../notifications';
import type {
  InstanceSnapshot,
  StartInstanceCommand,
  WorkflowDeployment,
  WorkflowRuntime,
} from '../../runtime';
import { SubmissionWorkflowStarter } from '../submission-workflow-starter';

type OutboxClaimOptions = Parameters<OutboxReader['claim']>[0];
type SubmissionForWorkflow = NonNullable<Awaited<ReturnType<WorkflowSubmissions['nonPersonal']>>>;

export const POLL_MS = 500;
export const LEASE_MS = 60_000;

export class TestClock extends Clock {
  private ms = Date.parse('2026-03-01T08:00:00Z');
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** The outbox as the reader contract describes it: leases, creation order, published never again. */
export class FakeOutbox extends OutboxReader {
  readonly events: { event: OutboxEvent; leasedUntil: number; published: boolean }[] = [];
  readonly claims: OutboxClaimOptions[] = [];

  constructor(private readonly log: string[]) {
    super();
  }

  add(event: OutboxEvent): void {
    this.events.push({ event, leasedUntil: 0, published: false });
  }

  claim(options: OutboxClaimOptions): Promise<readonly OutboxEvent[]> {
    this.claims.push(options);
    const now = (options.now ?? new Date()).getTime();
    const claimed = this.events
      .filter((e) => !e.published && e.leasedUntil <= now)
      .slice(0, options.limit);
    for (const e of claimed) {
      e.leasedUntil = now + options.leaseMs;
      e.event = { ...e.event, attempts: (e.event.attempts ?? 0) + 1 };
    }
    return Promise.resolve(claimed.map((e) => e.event));
  }

  markDeadLettered(eventId: string, reason: string): Promise<void> {
    this.log.push(`dead-lettered ${eventId}: ${reason}`);
    for (const e of this.events) if (e.event.id === eventId) e.published = true;
    return Promise.resolve();
  }

  markPublished(eventIds: readonly string[]): Promise<void> {
    this.log.push(`published ${eventIds.join(',')}`);
    for (const e of this.events) if (eventIds.includes(e.event.id)) e.published = true;
    return Promise.resolve();
  }

  unpublished(): string[] {
    return this.events.filter((e) => !e.published).map((e) => e.event.id);
  }
}

export class FakeDeployments extends WorkflowDeployments {
  constructor(private readonly deployed: WorkflowDeployment[]) {
    super();
  }
  startedByForm(formKey: string): Promise<readonly WorkflowDeployment[]> {
    return Promise.resolve(this.deployed.filter((d) => d.definition.startForm === formKey));
  }
  save(): never {
    throw new Error('not used');
  }
  latest(): never {
    throw new Error('not used');
  }
  version(): never {
    throw new Error('not used');
  }
  list(): never {
    throw new Error('not used');
  }
}

/** Records every start; one instance per (workflow key, business key), like the real runtimes. */
export class FakeRuntime {
  readonly starts: StartInstanceCommand[] = [];
  readonly instances = new Map<string, StartInstanceCommand>();
  failing = new Set<string>();

  constructor(private readonly log: string[]) {}

  start(command: StartInstanceCommand): Promise<InstanceSnapshot> {
    if (this.failing.has(command.workflowKey)) {
      return Promise.reject(new Error(`runtime down for ${command.workflowKey}`));
    }
    this.starts.push(command);
    this.log.push(`start ${command.workflowKey}/${command.businessKey}`);
    const key = `${command.workflowKey}/${command.businessKey}`;
    if (!this.instances.has(key)) this.instances.set(key, command);
    return Promise.resolve({} as InstanceSnapshot);
  }
}

export function deployment(
  definition: Partial<WorkflowDefinition> & { key: string },
): WorkflowDeployment {
  return {
    key: definition.key,
    version: 1,
    processId: definition.key,
    definition: {
      kind: 'workflow',
      version: 1,
      title: { zh: definition.key, en: definition.key },
      bpmn: '<definitions/>',
      userTasks: [],
      jurisdiction: 'district',
      ...definition,
    },
    checksum: 'c',
    deployedAt: new Date(0),
    deployedBy: 'test',
  };
}

let serial = 0;
export function event(overrides: Partial<OutboxEvent> = {}): OutboxEvent {
  serial += 1;
  return {
    id: `event-${serial}`,
    type: 'submission.accepted',
    submissionId: `submission-${serial}`,
    formKey: 'prescription',
    formVersion: 1,
    status: 'reported',
    institutionId: 'clinic-a',
    regionPath: ['440000', '441900', '441900003'],
    derived: {},
    createdAt: new Date(0),
    publishedAt: null,
    ...overrides,
  };
}

export const VISIT_VALUES = {
  temperature: 38.5,
  referralInstitution: 'DG007',
  patientDestination: 'referral',
  clueRegion: '460106',
  unknownRegion: '999999',
};

/** The region tree as far as these tests need it: one Hainan district. */
export const REGIONS = {
  regionPath: (code: string): Promise<readonly string[]> =>
    Promise.resolve(code === '460106' ? ['460000', '460100', '460106'] : []),
} as unknown as InstitutionDirectory;

/** Seeding already over, as after boot. */
export const SEEDED = { settled: Promise.resolve() } as unknown as WorkflowSeeder;

/** Notices nobody reads (the dead-letter test passes its own). */
export const UNREAD = { publish: () => Promise.resolve(true) } as unknown as Notifications;

export function setup(
  deployed: WorkflowDeployment[],
  options: { notifications?: Notifications } = {},
) {
  const log: string[] = [];
  const outbox = new FakeOutbox(log);
  const runtime = new FakeRuntime(log);
  const clock = new TestClock();
  const reads: string[] = [];
  const submissions = {
    nonPersonal: (id: string): Promise<SubmissionForWorkflow | null> => {
      reads.push(id);
      return Promise.resolve({ values: VISIT_VALUES } as unknown as SubmissionForWorkflow);
    },
  } as unknown as WorkflowSubmissions;
  const config = {
    workflows: { workerId: 'worker-1', pollMs: POLL_MS, jobLockMs: LEASE_MS },
  } as unknown as AppConfig;
  const sut = new SubmissionWorkflowStarter(
    outbox,
    new FakeDeployments(deployed),
    submissions,
    config,
    clock,
    REGIONS,
    runtime as unknown as WorkflowRuntime,
    SEEDED,
    options.notifications ?? UNREAD,
  );
  return { sut, outbox, runtime, clock, log, reads };
}

export const PRESCRIPTION_AUDIT = deployment({
  key: 'prescription-audit',
  startForm: 'prescription',
});
export const FEVER_REFERRAL = deployment({
  key: 'fever-referral',
  startForm: 'patient-visit-report',
  startWhenDerived: 'fever',
  startVariables: { referralInstitution: 'referralInstitution', idNumber: 'idNumber' },
});
