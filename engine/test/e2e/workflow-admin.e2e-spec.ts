import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { contentDir } from '../../src/modules/registry/registry-seeder';
import { WorkflowSeeder } from '../../src/modules/workflows/deployments/workflow-seeder';
import type { Incident } from '../../src/modules/workflows/runtime/runtime.types';
import { authed, createAccount, FAST_HASHING_ENV, loginAs } from '../support/auth-helpers';
import {
  FakeWorkflowRuntime,
  startE2eAppWithRuntime,
} from '../medium/workflows/deployments/fake-workflow-runtime';
import {
  singleTaskBpmn,
  singleTaskWorkflow as workflow,
} from '../medium/workflows/deployments/workflow-fixtures';
import type { E2eApp } from './e2e-app';

const SCRIPT_TASK_BPMN = singleTaskBpmn().replace(
  '<bpmn:sequenceFlow id="toEnd" sourceRef="check" targetRef="end" />',
  '<bpmn:sequenceFlow id="toScript" sourceRef="check" targetRef="runScript" />' +
    '<bpmn:scriptTask id="runScript" scriptFormat="javascript"><bpmn:script>1</bpmn:script></bpmn:scriptTask>' +
    '<bpmn:sequenceFlow id="toEnd" sourceRef="runScript" targetRef="end" />',
);

const incident = (id: string, workflowKey: string, resolvedAt: string | null): Incident => ({
  id,
  instanceId: `instance-${id}`,
  workflowKey,
  businessKey: `bk-${id}`,
  activityId: 'notifyCdc',
  topic: 'notify-cdc',
  message: 'gateway timeout',
  attempts: 4,
  createdAt: '2026-03-01T08:00:00.000Z',
  resolvedAt,
});

describe('workflow admin API (e2e, fake runtime)', () => {
  const runtime = new FakeWorkflowRuntime();
  let sut: E2eApp;
  let admin: string;
  let reviewer: string;

  beforeAll(async () => {
    sut = await startE2eAppWithRuntime(__filename, runtime, {
      ...FAST_HASHING_ENV,
      // Independent of definitions/content: these tests deploy their own workflows.
      SENTINEL_SEED_CONTENT: 'false',
    });
    await createAccount(sut.app, {
      username: 'wf-admin',
      roles: ['province_admin'],
      regionCode: '440000',
    });
    await createAccount(sut.app, {
      username: 'wf-reviewer',
      roles: ['district_reviewer'],
      regionCode: '440106',
    });
    admin = await loginAs(sut.app, 'wf-admin');
    reviewer = await loginAs(sut.app, 'wf-reviewer');
  });

  afterAll(async () => {
    await sut.close();
  });

  const deploy = (definition: unknown, token = admin) =>
    authed(sut.app, token).post('/api/admin/workflows').send({ definition });
  const get = (url: string, token = admin) => authed(sut.app, token).get(url);

  it('given a BPMN with a scriptTask, when deployed, then 400 names the element and nothing is stored', async () => {
    const response = await deploy(workflow({ key: 'scripted', bpmn: SCRIPT_TASK_BPMN })).expect(
      400,
    );

    expect(response.body.error).toBe('WORKFLOW_INVALID');
    const messages = (response.body.errors as { message: { en: string } }[]).map(
      (e) => e.message.en,
    );
    expect(messages.some((m) => m.includes('runScript'))).toBe(true);
    await get('/api/admin/workflows/scripted').expect(404);
  });

  it('given a candidate group that is not a role, when deployed, then 400 points at it under /definition', async () => {
    const wrong = workflow({
      key: 'wrong-group',
      bpmn: singleTaskBpmn('review', 'district-reviewer'),
      userTasks: [{ taskId: 'check', candidateGroups: ['district-reviewer'] }],
    });

    const response = await deploy(wrong).expect(400);

    const paths = (response.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toContain('/definition/userTasks/0/candidateGroups/0');
  });

  it('given a definition off the meta-schema, when deployed, then 400 points at the field', async () => {
    const response = await deploy({ ...workflow(), jurisdiction: 'moon' }).expect(400);

    expect(response.body.errors).toContainEqual(
      expect.objectContaining({ path: '/definition/jurisdiction', code: 'schema-enum' }),
    );
  });

  it('given v1, then v2, then the same text again, when deployed, then 201, 201 and 200 unchanged, each version readable', async () => {
    const v1 = workflow({ key: 'versioned' });
    const v2 = workflow({ key: 'versioned', version: 2, parameters: { escalateAfter: 'PT24H' } });

    const first = await deploy(v1).expect(201);
    await deploy(v2).expect(201);
    const again = await deploy(v2).expect(200);
    const renumbered = await deploy({ ...v2, version: 3 }).expect(200);

    expect(first.body).toMatchObject({
      key: 'versioned',
      version: 1,
      processId: 'review',
      created: true,
    });
    expect(again.body).toMatchObject({ version: 2, created: false });
    expect(renumbered.body).toMatchObject({ version: 2, created: false });
    expect((await get('/api/admin/workflows/versioned').expect(200)).body.versions).toEqual([
      expect.objectContaining({ version: 1, deployedBy: expect.any(String) }),
      expect.objectContaining({ version: 2 }),
    ]);
    const stored = await get('/api/admin/workflows/versioned/versions/1').expect(200);
    expect(stored.body.definition).toEqual(v1);
    const list = await get('/api/admin/workflows').expect(200);
    expect(list.body.items).toContainEqual({
      key: 'versioned',
      version: 2,
      title: v2.title,
      startForm: null,
      deployedAt: expect.any(String),
    });
    expect(runtime.deployed.filter((d) => d.key === 'versioned').map((d) => d.version)).toEqual([
      1, 2, 2, 2,
    ]);
  });

  it('given other text whose version is not above the latest, when deployed, then 409 points at the version', async () => {
    await deploy(workflow({ key: 'conflicting' })).expect(201);

    const response = await deploy(
      workflow({ key: 'conflicting', title: { zh: '改', en: 'Changed' } }),
    ).expect(409);

    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: '/definition/version', code: 'WORKFLOW_VERSION_CONFLICT' }),
    ]);
  });

  it('given a deploy, when the audit log is searched, then it names the workflow, version and actor', async () => {
    await deploy(workflow({ key: 'audited' })).expect(201);

    const audit = await get('/api/admin/audit?resource=workflows&action=publish').expect(200);

    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        resourceId: 'audited',
        outcome: 'success',
        details: expect.objectContaining({ version: 1 }),
      }),
    );
  });

  it('given a dry run, when linted, then 200 with no problems and nothing stored; a bad one is 400', async () => {
    const ok = await authed(sut.app, admin)
      .post('/api/admin/workflows/lint')
      .send({ definition: workflow({ key: 'dry-run' }) })
      .expect(200);

    expect(ok.body).toEqual({ problems: [] });
    await get('/api/admin/workflows/dry-run').expect(404);
    await authed(sut.app, admin)
      .post('/api/admin/workflows/lint')
      .send({ definition: workflow({ key: 'dry-run', bpmn: SCRIPT_TASK_BPMN }) })
      .expect(400);
  });

  it('given a user without workflows:admin, when calling the admin API, then 403 everywhere', async () => {
    await get('/api/admin/workflows', reviewer).expect(403);
    await deploy(workflow({ key: 'not-mine' }), reviewer).expect(403);
    await get('/api/admin/incidents', reviewer).expect(403);
    await authed(sut.app, reviewer).post('/api/admin/incidents/abc/retry').send({}).expect(403);
  });

  it.each([
    ['a key with capitals', '/api/admin/workflows/Bad_Key'],
    ['a key too long', `/api/admin/workflows/${'a'.repeat(65)}`],
    ['version zero', '/api/admin/workflows/versioned/versions/0'],
    ['a version that is not a number', '/api/admin/workflows/versioned/versions/1e3'],
    ['an operator as workflow key', '/api/admin/incidents?workflowKey[$ne]=x'],
    ['open not a boolean', '/api/admin/incidents?open=yes'],
    ['a page size above the maximum', '/api/admin/incidents?pageSize=1000'],
  ])('given %s, when requested, then 400', async (_, url) => {
    await get(url).expect(400);
  });

  it('given unknown keys and versions, when read, then 404', async () => {
    await get('/api/admin/workflows/never-deployed').expect(404);
    await get('/api/admin/workflows/never-deployed/versions/1').expect(404);
    const response = await get('/api/admin/workflows/versioned/versions/9').expect(404);
    expect(response.body.error).toBe('WORKFLOW_VERSION_NOT_FOUND');
  });

  it('given open and resolved incidents, when listed with filters and pages, then the runtime’s answer comes back paged', async () => {
    runtime.incidentList.push(
      incident('inc-1', 'fever-referral', null),
      incident('inc-2', 'fever-referral', '2026-03-02T08:00:00.000Z'),
      incident('inc-3', 'prescription-audit', null),
    );

    const open = await get('/api/admin/incidents?open=true&pageSize=1').expect(200);
    const fever = await get('/api/admin/incidents?workflowKey=fever-referral').expect(200);

    expect(open.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(open.body.items.map((i: Incident) => i.id)).toEqual(['inc-1']);
    expect(fever.body.items.map((i: Incident) => i.id)).toEqual(['inc-1', 'inc-2']);
  });

  it('given an open incident, when retried with 3 retries, then the runtime retries it, the admin is audited, and a second retry is 404', async () => {
    runtime.incidentList.push(incident('inc-9', 'fever-referral', null));

    const retried = await authed(sut.app, admin)
      .post('/api/admin/incidents/inc-9/retry')
      .send({ retries: 3 })
      .expect(200);

    expect(retried.body).toMatchObject({ id: 'inc-9', resolvedAt: expect.any(String) });
    expect(runtime.retried).toContainEqual({ id: 'inc-9', retries: 3 });
    const audit = await get('/api/admin/audit?resource=workflow_incidents').expect(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        resourceId: 'inc-9',
        details: expect.objectContaining({ retries: 3 }),
      }),
    );
    const again = await authed(sut.app, admin)
      .post('/api/admin/incidents/inc-9/retry')
      .send({})
      .expect(404);
    expect(again.body.error).toBe('INCIDENT_NOT_FOUND');
  });

  it.each([
    ['retries above 10', 'inc-1', { retries: 11 }],
    ['retries not an integer', 'inc-1', { retries: 1.5 }],
    ['an unknown body field', 'inc-1', { retries: 1, force: true }],
    ['an id with an operator', '$where', {}],
  ])('given %s, when retrying, then 400 and the runtime is not called', async (_, id, body) => {
    const before = runtime.retried.length;

    await authed(sut.app, admin)
      .post(`/api/admin/incidents/${encodeURIComponent(id)}/retry`)
      .send(body)
      .expect(400);

    expect(runtime.retried).toHaveLength(before);
  });

  it('given a body without a definition object, when deployed, then 400', async () => {
    await authed(sut.app, admin)
      .post('/api/admin/workflows')
      .send({ definition: 'xml' })
      .expect(400);
    await authed(sut.app, admin).post('/api/admin/workflows').send(workflow()).expect(400);
  });
});

describe('content workflows at boot (e2e, fake runtime)', () => {
  const runtime = new FakeWorkflowRuntime();
  const folder = join(contentDir(), 'workflows');
  const contentKeys = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.replace(/\.json$/, ''))
    .sort();
  let sut: E2eApp;

  beforeAll(async () => {
    sut = await startE2eAppWithRuntime(__filename, runtime, FAST_HASHING_ENV);
  });

  afterAll(async () => {
    await sut.close();
  });

  it('given content seeding, when the app has booted, then every content workflow is deployed once as system, after its forms', async () => {
    await createAccount(sut.app, { username: 'boot-admin', roles: ['province_admin'] });
    const token = await loginAs(sut.app, 'boot-admin');

    const list = await authed(sut.app, token).get('/api/admin/workflows').expect(200);

    expect(list.body.items.map((item: { key: string }) => item.key)).toEqual(contentKeys);
    expect(runtime.deployed.map((d) => d.key).sort()).toEqual(contentKeys);
    expect(runtime.deployed.every((d) => d.deployedBy === 'system')).toBe(true);
  });

  it('given the same content, when seeded again, then no version is added', async () => {
    const seeding = await sut.app.get(WorkflowSeeder).seed(folder);

    expect(seeding).toEqual({ deployed: [], unchanged: contentKeys, kept: [] });
  });
});
