import type { INestApplication } from '@nestjs/common';
import { Clock } from '../../src/common/clock';
import { DemoSeeder } from '../../src/modules/identity/demo/demo-seeder';
import type { E2eApp } from '../e2e/e2e-app';
import request from 'supertest';
import type { App } from 'supertest/types';
import { WorkflowRuntime } from '../../src/modules/workflows/runtime/workflow-runtime';
import { SubmissionWorkflowStarter } from '../../src/modules/workflows/processes/submission-workflow-starter';
import {
  authed,
  DEMO_PASSWORD,
  FAST_HASHING_ENV,
  loginAs,
  ManualClock,
  startE2eAppWith,
} from './auth-helpers';
import { noisePng } from './test-images';

/** The real app with demo data and a manual clock, and shorthands the workflow suites share. */
export interface WorkflowTestBed {
  sut: E2eApp;
  readonly clock: ManualClock;
  api(token: string): ReturnType<typeof authed>;
  login(username: string, password?: string): Promise<string>;
  /** Files a report of `form` with a fresh Idempotency-Key. */
  file(token: string, form: string, values: Record<string, unknown>): request.Test;
}

/** Registers `beforeAll`/`afterAll` for a workflow suite; call it inside the suite's `describe`. */
export function useWorkflowTestBed(testFile: string): WorkflowTestBed {
  let key = 0;
  const bed: WorkflowTestBed = {
    sut: undefined as unknown as E2eApp,
    clock: new ManualClock(),
    api: (token) => authed(bed.sut.app, token),
    login: (username, password = DEMO_PASSWORD) => loginAs(bed.sut.app, username, password),
    file: (token, form, values) =>
      bed
        .api(token)
        .post(`/api/forms/${form}/submissions`)
        .set('Idempotency-Key', `workflow-bed-${++key}`)
        .send({ values }),
  };
  beforeAll(async () => {
    // settle() drives the starter and the runtime; a background poll (1 s by default) could claim
    // a start while settle runs, so settle returned before the task existed on a loaded machine.
    bed.sut = await startE2eAppWith(testFile, [[Clock, bed.clock]], {
      ...FAST_HASHING_ENV,
      SENTINEL_WORKFLOW_POLL_MS: '60000',
    });
    await bed.sut.app.get(DemoSeeder).seed();
    // The manual clock started before boot published the content; bring it level with the
    // publications so forms are in force at the clock's "now".
    bed.clock.advance(Date.now() - bed.clock.now().getTime() + 1_000);
  }, 120_000);
  afterAll(async () => {
    await bed.sut.close();
  });
  return bed;
}

/** A task as `GET /api/tasks` lists it (the fields the scenarios read). */
export interface ListedTask {
  readonly id: string;
  readonly workflowKey: string;
  readonly businessKey: string;
  readonly status: string;
  readonly actions: readonly string[];
  readonly title: { readonly zh: string };
}

/**
 * Drives the asynchronous parts of a process to rest instead of sleeping: the outbox consumer
 * starts processes, the runtime runs due jobs and timers, until a pass moves nothing.
 */
export async function settle(app: INestApplication, now?: Date): Promise<void> {
  const starter = app.get(SubmissionWorkflowStarter);
  const runtime = app.get(WorkflowRuntime);
  for (let pass = 0; pass < 20; pass += 1) {
    const started = await starter.runOnce();
    const moved = await runtime.runDueWork(now);
    if (moved === 0 && started.claimed === 0) return;
  }
  throw new Error('workflows did not come to rest in 20 passes');
}

/** Open tasks the caller may act on, optionally of one workflow and business key. */
export async function openTasks(
  app: INestApplication,
  token: string,
  filter: { workflowKey?: string; businessKey?: string } = {},
): Promise<ListedTask[]> {
  const response = await authed(app, token).get('/api/tasks').query(filter);
  if (response.status !== 200) {
    throw new Error(`GET /api/tasks → ${response.status} ${JSON.stringify(response.body)}`);
  }
  return (response.body as { items: ListedTask[] }).items;
}

/** The one open task of a business key the caller sees (fails loudly on none or several). */
export async function theTask(
  app: INestApplication,
  token: string,
  businessKey: string,
): Promise<ListedTask> {
  const tasks = await openTasks(app, token, { businessKey });
  if (tasks.length !== 1) {
    throw new Error(`expected one open task for ${businessKey}, found ${tasks.length}`);
  }
  return tasks[0] as ListedTask;
}

/** `POST /api/files` with a small real PNG; returns the file id a form's file field takes. */
export async function uploadPng(app: INestApplication, token: string, name: string) {
  const response = await request(app.getHttpServer() as App)
    .post('/api/files')
    .set('Authorization', `Bearer ${token}`)
    .attach('file', noisePng(8), { filename: name, contentType: 'image/png' });
  if (response.status !== 201) {
    throw new Error(`upload → ${response.status} ${JSON.stringify(response.body)}`);
  }
  return (response.body as { id: string }).id;
}

/** Event types of a business key's timeline, in order. */
export async function timelineTypes(
  app: INestApplication,
  token: string,
  businessKey: string,
): Promise<string[]> {
  const response = await authed(app, token).get(`/api/processes/${businessKey}/timeline`);
  if (response.status !== 200) {
    throw new Error(`timeline → ${response.status} ${JSON.stringify(response.body)}`);
  }
  return (response.body as { events: { type: string }[] }).events.map((event) => event.type);
}

/** A prescription of the golden case's two drugs for the patient with these identity values. */
export function prescriptionFor(patient: Record<string, unknown>, diagnosis: string) {
  return {
    patientName: patient['patientName'],
    gender: patient['gender'],
    birthDate: patient['birthDate'],
    idType: patient['idType'],
    idNumber: patient['idNumber'],
    diagnosis,
    drugs: [
      {
        drug: 'D0002',
        dose: 0.5,
        doseUnit: 'g',
        route: 'oral',
        frequency: 'tid',
        days: 3,
        quantity: 1,
        quantityUnit: 'box',
      },
    ],
  };
}
