import { Logger } from '@nestjs/common';
import type { WorkflowDefinition } from '@sentinel/definitions';
import { ApiError } from '../../../common/errors';
import { AuditLog, type AuditEntryInput, type AuditVerification } from '../../audit/audit-log';
import { Clock } from '../../../common/clock';
import { lintWorkflow, type WorkflowLintResult } from '../bpmn';
import type { WorkflowDeployment, WorkflowRuntime } from '../runtime';
import { WorkflowDeployer } from './workflow-deployer';
import {
  WorkflowDeploymentStore,
  type DeploymentVersionSummary,
} from './workflow-deployment-store';
import { WorkflowVersionConflictError, type DeployOutcome } from './workflow-deployments';
import type { WorkflowLintContextFactory } from './workflow-lint-context';
import { WorkflowShapeChecker } from './workflow-shape';

jest.mock('../bpmn', () => ({ lintWorkflow: jest.fn() }));
const lint = jest.mocked(lintWorkflow);

const NOW = new Date('2026-03-01T08:00:00Z');
const MODEL = { processId: 'review', userTasks: [], serviceTasks: [] };
const BPMN =
  '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="review" isExecutable="true"/></bpmn:definitions>';

const workflow = (version = 1): WorkflowDefinition => ({
  kind: 'workflow',
  key: 'review',
  version,
  title: { zh: '审核', en: 'Review' },
  bpmn: BPMN,
  userTasks: [{ taskId: 'check', candidateGroups: ['district_reviewer'] }],
  jurisdiction: 'district',
});

class RecordingAudit extends AuditLog {
  readonly entries: AuditEntryInput[] = [];
  async append(entry: AuditEntryInput): Promise<void> {
    this.entries.push(entry);
  }
  async verify(): Promise<AuditVerification> {
    return { ok: true, entries: this.entries.length };
  }
}

/** Keeps the latest version per key in memory, with the store's no-op and conflict rules. */
class MemoryStore extends WorkflowDeploymentStore {
  readonly saved: { processId: string; now: Date | undefined }[] = [];
  private readonly latestByKey = new Map<string, WorkflowDeployment>();

  async saveLinted(
    definition: WorkflowDefinition,
    processId: string,
    deployedBy: string,
    now?: Date,
  ): Promise<DeployOutcome> {
    const latest = this.latestByKey.get(definition.key);
    const checksum = JSON.stringify({ ...definition, version: 0 });
    if (latest?.checksum === checksum) return { deployment: latest, created: false };
    if (latest !== undefined && definition.version <= latest.version)
      throw new WorkflowVersionConflictError(definition.key, latest.version);
    this.saved.push({ processId, now });
    const deployment = {
      key: definition.key,
      version: definition.version,
      processId,
      definition,
      checksum,
      deployedAt: now ?? new Date(0),
      deployedBy,
    };
    this.latestByKey.set(definition.key, deployment);
    return { deployment, created: true };
  }
  async latest(key: string) {
    return this.latestByKey.get(key) ?? null;
  }
  async version() {
    return null;
  }
  async list() {
    return [...this.latestByKey.values()];
  }
  async startedByForm() {
    return [];
  }
  async versions(): Promise<DeploymentVersionSummary[]> {
    return [];
  }
}

function setUp() {
  const store = new MemoryStore();
  const audit = new RecordingAudit();
  const told: WorkflowDeployment[] = [];
  const runtime = {
    deploy: async (deployment: WorkflowDeployment) => {
      told.push(deployment);
    },
  } as unknown as WorkflowRuntime;
  const clock = new (class extends Clock {
    now = () => NOW;
  })();
  const contexts = { create: () => ({}) } as unknown as WorkflowLintContextFactory;
  const sut = new WorkflowDeployer(shape, contexts, store, audit, clock, runtime);
  return { sut, store, audit, told };
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

const shape = new WorkflowShapeChecker();
const clean: WorkflowLintResult = { problems: [], model: MODEL };

describe('WorkflowDeployer', () => {
  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => lint.mockReset());

  it('given a clean definition, when deployed, then it is stored with the lint’s process id at the clock’s time, told to the runtime and audited', async () => {
    const { sut, store, audit, told } = setUp();
    lint.mockResolvedValue(clean);

    const outcome = await sut.deploy(workflow(), 'admin-1');

    expect(outcome.created).toBe(true);
    expect(store.saved).toEqual([{ processId: 'review', now: NOW }]);
    expect(told.map((d) => d.version)).toEqual([1]);
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'publish',
        actor: 'admin-1',
        resource: 'workflows',
        resourceId: 'review',
        outcome: 'success',
        details: expect.objectContaining({ version: 1 }),
      }),
    ]);
  });

  it('given the same text again, when deployed, then nothing new is stored or audited but the runtime is told again (idempotent)', async () => {
    const { sut, audit, told } = setUp();
    lint.mockResolvedValue(clean);
    await sut.deploy(workflow(), 'admin-1');

    const again = await sut.deploy(workflow(), 'admin-1');

    expect(again.created).toBe(false);
    expect(audit.entries).toHaveLength(1);
    expect(told).toHaveLength(2);
  });

  it('given a definition off the meta-schema, when deployed, then 400 names the path under the request’s prefix and the lint never runs', async () => {
    const { sut, store } = setUp();

    const error = await refusal(
      sut.deploy({ ...workflow(), jurisdiction: 'moon' }, 'a', '/definition'),
    );

    expect(error.getStatus()).toBe(400);
    expect(error.details).toContainEqual(
      expect.objectContaining({ path: '/definition/jurisdiction', code: 'schema-enum' }),
    );
    expect(lint).not.toHaveBeenCalled();
    expect(store.saved).toEqual([]);
  });

  it('given lint problems, when deployed, then 400 lists each with its path and element and nothing is stored', async () => {
    const { sut, store, audit } = setUp();
    lint.mockResolvedValue({
      model: null,
      problems: [
        {
          path: '/bpmn',
          elementId: 'runScript',
          code: 'unsupported-element',
          message: { zh: '不支持', en: 'Not supported' },
        },
      ],
    });

    const error = await refusal(sut.deploy(workflow(), 'a'));

    expect(error.getStatus()).toBe(400);
    expect(error.details).toEqual([
      {
        path: '/bpmn',
        code: 'unsupported-element',
        message: { zh: '不支持（元素 runScript）', en: 'Not supported (element runScript)' },
      },
    ]);
    expect(store.saved).toEqual([]);
    expect(audit.entries).toEqual([expect.objectContaining({ outcome: 'failure' })]);
  });

  it('given other text with a version not above the latest, when deployed, then 409 points at the version', async () => {
    const { sut } = setUp();
    lint.mockResolvedValue(clean);
    await sut.deploy(workflow(2), 'a');

    const error = await refusal(
      sut.deploy({ ...workflow(2), title: { zh: '新', en: 'New' } }, 'a', '/definition'),
    );

    expect(error.getStatus()).toBe(409);
    expect(error.details).toEqual([
      expect.objectContaining({ path: '/definition/version', code: 'WORKFLOW_VERSION_CONFLICT' }),
    ]);
  });

  it('given a clean definition, when linted as a dry run, then no problems come back and nothing is stored', async () => {
    const { sut, store } = setUp();
    lint.mockResolvedValue(clean);

    await expect(sut.lint(workflow())).resolves.toEqual({ problems: [] });
    expect(store.saved).toEqual([]);
  });
});
