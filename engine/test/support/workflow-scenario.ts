import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { WorkflowRuntime } from '../../src/modules/workflows/runtime/workflow-runtime';
import { SubmissionWorkflowStarter } from '../../src/modules/workflows/processes/submission-workflow-starter';
import { authed } from './auth-helpers';
import { noisePng } from './test-images';

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
