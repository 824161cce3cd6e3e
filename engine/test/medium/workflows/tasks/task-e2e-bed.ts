import type { ModuleMetadata } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { FormDefinition, WorkflowDefinition } from '@sentinel/definitions';
import { Clock } from '../../../../src/common/clock';
import { DefinitionRegistry } from '../../../../src/modules/registry/definition-registry';
import { WorkflowDeployments } from '../../../../src/modules/workflows/deployments/workflow-deployments';
import { Notifications } from '../../../../src/modules/workflows/notifications/notifications';
import type {
  CompleteTaskCommand,
  InstanceSnapshot,
} from '../../../../src/modules/workflows/runtime/runtime.types';
import { WorkflowRuntime } from '../../../../src/modules/workflows/runtime/workflow-runtime';
import { startE2eApp, type E2eApp } from '../../../e2e/e2e-app';
import {
  authed,
  createAccount,
  FAST_HASHING_ENV,
  loginAs,
  ManualClock,
} from '../../../support/auth-helpers';
import { FakeRegistry, publish } from '../../submissions/submission-fixtures';
import {
  DISTRICT_A,
  DISTRICT_B,
  FakeDeployments,
  openTask,
  RecordingNotifications,
  reviewDefinition,
  ScriptedRuntime,
  snapshotOf,
} from './task-fixtures';

/** A task form with one ordinary field and one personal field (which a task must refuse). */
export const REVIEW_NOTES: FormDefinition = {
  kind: 'form',
  key: 'review-notes',
  version: 1,
  title: { zh: '审核意见', en: 'Review notes' },
  items: [
    {
      kind: 'field',
      key: 'score',
      type: 'integer',
      title: { zh: '评分', en: 'Score' },
      min: 1,
      max: 5,
    },
    {
      kind: 'field',
      key: 'inspectorPhone',
      type: 'phone',
      personal: 'phone',
      title: { zh: '核查人电话', en: 'Inspector phone' },
    },
  ],
} as FormDefinition;

/** The review workflow of process 1: district review with a form and deadlines, then resubmit. */
export const REVIEW_WORKFLOW = reviewDefinition([
  {
    taskId: 'districtReview',
    title: { zh: '区级审核', en: 'District review' },
    form: 'review-notes',
    candidateGroups: ['district_reviewer'],
    actions: ['approve', 'reject', 'return'],
    dueAfter: 'P5D',
    remindAfter: 'P3D',
  },
  {
    taskId: 'resubmit',
    title: { zh: '诊所补正', en: 'Clinic corrects' },
    candidateGroups: ['clinic_admin'],
  },
]);

/** The prescription audit of seed 001: only pharmacists get a task. */
export const PRESCRIPTION_AUDIT: WorkflowDefinition = {
  ...reviewDefinition([
    {
      taskId: 'pharmacistAudit',
      title: { zh: '药师审方', en: 'Pharmacist audit' },
      candidateGroups: ['pharmacist'],
      actions: ['approve', 'reject'],
    },
  ]),
  key: 'prescription-audit',
  title: { zh: '处方审核', en: 'Prescription audit' },
  jurisdiction: 'institution',
};

/**
 * What the scripted runtime does when a task of the review workflow completes: return opens
 * `resubmit`, resubmit opens a new review, approve or reject ends the instance once no share of
 * the review is left open (so a two-share countersign waits for both).
 */
export function reviewProcess(clock: Clock) {
  return (current: InstanceSnapshot, command: CompleteTaskCommand): Partial<InstanceSnapshot> => {
    const elementId = command.runtimeTaskId.split(':')[1];
    const decision = command.variables['decision'];
    const idOf = (element: string) =>
      `${current.instanceId}:${element}:r${String(current.revision + 1)}`;
    if (elementId === 'districtReview' && decision === 'return') {
      return { openTasks: [openTask(idOf('resubmit'), 'resubmit', clock.now())] };
    }
    if (elementId === 'resubmit') {
      return { openTasks: [openTask(idOf('districtReview'), 'districtReview', clock.now())] };
    }
    if (current.openTasks.length > 0) return {};
    return { state: 'completed', endedAt: clock.now().toISOString() };
  };
}

export interface TaskTestBed {
  readonly sut: E2eApp;
  readonly runtime: ScriptedRuntime;
  readonly clock: ManualClock;
  readonly notifications: RecordingNotifications;
  /** Starts an instance at clinic-a in district A whose review waits; returns nothing, emit is enough. */
  startReview(businessKey: string, shares?: number): Promise<void>;
  /** Starts a prescription audit at clinic-a whose pharmacist task waits. */
  startPrescriptionAudit(businessKey: string): Promise<void>;
}

/** The real app with the runtime, deployments, registry, notifications and clock replaced. */
export async function startTaskTestBed(testFile: string): Promise<TaskTestBed> {
  const runtime = new ScriptedRuntime();
  const clock = new ManualClock();
  const notifications = new RecordingNotifications();
  const deployments = new FakeDeployments().add(REVIEW_WORKFLOW).add(PRESCRIPTION_AUDIT);
  const registry = new FakeRegistry().add(publish(REVIEW_NOTES, []));
  runtime.afterCompletion = reviewProcess(clock);

  const overrides: readonly (readonly [abstract new (...args: never[]) => unknown, unknown])[] = [
    [WorkflowRuntime, runtime],
    [WorkflowDeployments, deployments],
    [DefinitionRegistry, registry],
    [Notifications, notifications],
    [Clock, clock],
  ];
  const create = Test.createTestingModule.bind(Test);
  const spy = jest
    .spyOn(Test, 'createTestingModule')
    .mockImplementation((metadata: ModuleMetadata) =>
      overrides.reduce<TestingModuleBuilder>(
        (builder, [token, value]) => builder.overrideProvider(token).useValue(value),
        create(metadata),
      ),
    );
  let sut: E2eApp;
  try {
    sut = await startE2eApp(testFile, {
      ...FAST_HASHING_ENV,
      SENTINEL_SEED_CONTENT: 'false',
      SENTINEL_WORKFLOW_POLL_MS: '60000',
    });
  } finally {
    spy.mockRestore();
  }
  return {
    sut,
    runtime,
    clock,
    notifications,
    async startReview(businessKey, shares = 1) {
      const instanceId = `inst-${businessKey}`;
      const now = clock.now();
      await runtime.emit(
        snapshotOf({
          instanceId,
          businessKey,
          revision: 1,
          startedAt: now.toISOString(),
          openTasks: Array.from({ length: shares }, (_, index) =>
            openTask(`${instanceId}:districtReview:${String(index)}`, 'districtReview', now, {
              name: '区级审核',
              candidateGroups: ['district_reviewer'],
              loopIndex: shares > 1 ? index : null,
            }),
          ),
        }),
      );
    },
    async startPrescriptionAudit(businessKey) {
      const instanceId = `inst-${businessKey}`;
      const now = clock.now();
      await runtime.emit(
        snapshotOf({
          instanceId,
          businessKey,
          workflowKey: PRESCRIPTION_AUDIT.key,
          revision: 1,
          startedAt: now.toISOString(),
          openTasks: [
            openTask(`${instanceId}:pharmacistAudit`, 'pharmacistAudit', now, {
              candidateGroups: ['pharmacist'],
            }),
          ],
        }),
      );
    },
  };
}

/** A row of `GET /api/tasks` as the e2e tests read it. */
export interface TaskItem {
  id: string;
  title: { zh: string };
  businessKey: string;
  status: string;
  assignee: string | null;
  overdue: boolean;
  actions: string[];
}

/** People of district A (and a few outsiders) signed in to the bed, with request helpers. */
export interface TaskPeople {
  readonly userId: Readonly<Record<string, string>>;
  as(who: string): ReturnType<typeof authed>;
  /** The first open task of the business key the person is offered; throws when there is none. */
  openTaskOf(who: string, businessKey: string): Promise<TaskItem>;
  complete(who: string, id: string, body: object): ReturnType<ReturnType<typeof authed>['post']>;
  /** A fresh token, after the clock moved past the old one's lifetime. */
  signInAgain(who: string): Promise<void>;
}

const PEOPLE = {
  reviewerA1: { roles: ['district_reviewer'], regionCode: DISTRICT_A, displayName: '张审核' },
  reviewerA2: { roles: ['district_reviewer'], regionCode: DISTRICT_A, displayName: '李审核' },
  reviewerB: { roles: ['district_reviewer'], regionCode: DISTRICT_B, displayName: '王审核' },
  city: { roles: ['city_regulator'], regionCode: '441900', displayName: '市监管' },
  clinicAdmin: { roles: ['clinic_admin'], institutionId: 'clinic-a', displayName: '诊所管理员' },
  pharmacist: { roles: ['pharmacist'], institutionId: 'clinic-a', displayName: '王药师' },
  // Like demo-policy-editor: the whole province, but no part in any process.
  policyEditor: { roles: ['policy_editor'], regionCode: '440000', displayName: '政策人员' },
  insurer: { roles: ['insurance_reviewer'], regionCode: '441900', displayName: '医保审核' },
  retired: { roles: ['district_reviewer'], regionCode: DISTRICT_A, enabled: false },
} as const;

export async function signInTaskPeople(bed: TaskTestBed): Promise<TaskPeople> {
  const app = bed.sut.app;
  const token: Record<string, string> = {};
  const userId: Record<string, string> = {};
  for (const [username, account] of Object.entries(PEOPLE)) {
    const created = await createAccount(app, { username, ...account, roles: [...account.roles] });
    userId[username] = created.id;
    if (username !== 'retired') token[username] = await loginAs(app, username);
  }
  const as = (who: string) => authed(app, token[who] as string);
  return {
    userId,
    as,
    async openTaskOf(who, businessKey) {
      const response = await as(who).get(`/api/tasks?businessKey=${businessKey}`).expect(200);
      const [item] = (response.body as { items: TaskItem[] }).items;
      if (item === undefined) throw new Error(`${who} sees no open task of ${businessKey}`);
      return item;
    },
    complete: (who, id, body) => as(who).post(`/api/tasks/${id}/complete`).send(body),
    async signInAgain(who) {
      token[who] = await loginAs(app, who);
    },
  };
}

/** The bed and its signed-in people for one suite; read them inside tests (set by `beforeAll`). */
export interface TaskSuite {
  readonly bed: TaskTestBed;
  readonly people: TaskPeople;
  readonly userId: Readonly<Record<string, string>>;
  as(who: string): ReturnType<typeof authed>;
  openTaskOf(who: string, businessKey: string): Promise<TaskItem>;
  complete(who: string, id: string, body: object): ReturnType<ReturnType<typeof authed>['post']>;
}

/** Registers `beforeAll`/`afterAll` for a task suite; call it inside the suite's `describe`. */
export function useTaskSuite(testFile: string): TaskSuite {
  let bed: TaskTestBed | undefined;
  let people: TaskPeople | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the task bed starts in beforeAll');
    return value;
  };
  beforeAll(async () => {
    bed = await startTaskTestBed(testFile);
    people = await signInTaskPeople(bed);
  });
  afterAll(async () => {
    await bed?.sut.close();
  });
  return {
    get bed() {
      return started(bed);
    },
    get people() {
      return started(people);
    },
    get userId() {
      return started(people).userId;
    },
    as: (who) => started(people).as(who),
    openTaskOf: (who, businessKey) => started(people).openTaskOf(who, businessKey),
    complete: (who, id, body) => started(people).complete(who, id, body),
  };
}
