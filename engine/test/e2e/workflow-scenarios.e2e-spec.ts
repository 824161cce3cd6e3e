import type { App } from 'supertest/types';
import request from 'supertest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkerRegistry } from '../../src/modules/workflows/runtime/worker-registry';
import { patientValues } from '../medium/identity/support/identity-fixtures';
import { VISIT_PATIENT } from '../support/visit-report';
import {
  openTasks,
  prescriptionFor,
  settle,
  theTask,
  timelineTypes,
  uploadPng,
  useWorkflowTestBed,
} from '../support/workflow-scenario';
import type { E2eApp } from './e2e-app';

/**
 * The "done when" scenarios over real HTTP on the real AppModule, the embedded BPMN
 * runtime and the store, with the content workflows seeded at boot: qualification review with a
 * return for correction, prescription audit, fever referral with escalation, and an incident that
 * succeeds on retry. Background loops are driven by `settle` (outbox, jobs, timers) so the test
 * never sleeps; time moves through a manual clock.
 */
const CONTENT = join(__dirname, '..', '..', '..', 'definitions', 'content', 'workflows');

describe('workflow scenarios over HTTP (e2e)', () => {
  const bed = useWorkflowTestBed(__filename);
  const { clock, api, login, file } = bed;
  let sut: E2eApp;
  beforeAll(() => {
    sut = bed.sut;
  });

  it('given a new clinic, when its qualification is returned, corrected and approved, then only the own district reviewer sees it and the clinic may report afterwards', async () => {
    const registered = await request(sut.app.getHttpServer() as App)
      .post('/api/clinics/register')
      .send({
        institutionName: '东莞市东城流程测试诊所',
        institutionType: 'clinic',
        institutionAddress: { region: '441900003', detail: '东城街道流程路 1 号' },
        insuranceDesignated: false,
        loginAccount: '13387519201',
        password: 'Hblgzw135%',
      });
    expect(registered.status).toBe(201);
    const clinic = await login('13387519201', 'Hblgzw135%');

    // Not approved yet: the daily report is refused with a clear 403.
    const early = await file(clinic, 'patient-visit-report', {
      ...VISIT_PATIENT,
      temperature: 36.6,
    });
    expect(early.status).toBe(403);
    expect(early.body.errors[0]).toMatchObject({ code: 'INSTITUTION_NOT_APPROVED' });

    const licence = await uploadPng(sut.app, clinic, '许可证正本.png');
    const copy = await uploadPng(sut.app, clinic, '许可证副本.png');
    const filed = await file(clinic, 'clinic-qualification', {
      institutionType: 'clinic',
      licenceOriginal: [licence],
      licenceCopy: [copy],
      licenceInspectionPage: [copy],
    });
    expect(filed.status).toBe(201);
    const businessKey = (filed.body as { id: string }).id;
    await settle(sut.app);

    const reviewer = await login('demo-reviewer');
    const otherDistrict = await login('demo-reviewer-2');
    const review = await theTask(sut.app, reviewer, businessKey);
    expect(review).toMatchObject({ workflowKey: 'clinic-qualification-review' });
    expect(review.actions).toEqual(expect.arrayContaining(['approve', 'reject', 'return']));
    expect(await openTasks(sut.app, otherDistrict, { businessKey })).toEqual([]);
    expect((await api(otherDistrict).get(`/api/tasks/${review.id}`)).status).toBe(404);

    // 退回: a reason is required, then the clinic gets a correction task.
    expect(
      (await api(reviewer).post(`/api/tasks/${review.id}/complete`).send({ action: 'return' }))
        .status,
    ).toBe(422);
    const returned = await api(reviewer)
      .post(`/api/tasks/${review.id}/complete`)
      .send({ action: 'return', reason: '年检页不清晰，请重新上传' });
    expect(returned.status).toBe(200);
    await settle(sut.app);

    const correction = await theTask(sut.app, clinic, businessKey);
    const clearer = await uploadPng(sut.app, clinic, '年检页.png');
    const resubmitted = await api(clinic)
      .post(`/api/tasks/${correction.id}/complete`)
      .send({
        action: 'complete',
        values: {
          institutionType: 'clinic',
          licenceOriginal: [licence],
          licenceCopy: [copy],
          licenceInspectionPage: [clearer],
        },
      });
    expect(resubmitted.status).toBe(200);
    await settle(sut.app);

    const secondReview = await theTask(sut.app, reviewer, businessKey);
    expect(secondReview.id).not.toBe(review.id);
    const approved = await api(reviewer)
      .post(`/api/tasks/${secondReview.id}/complete`)
      .send({ action: 'approve', comment: '资料齐全' });
    expect(approved.status).toBe(200);
    // Completing it again is a conflict, not a second approval.
    expect(
      (
        await api(reviewer)
          .post(`/api/tasks/${secondReview.id}/complete`)
          .send({ action: 'approve' })
      ).status,
    ).toBe(409);
    await settle(sut.app);

    const status = await api(reviewer).get(
      `/api/clinics/${(registered.body as { institutionId: string }).institutionId}`,
    );
    expect(status.body).toMatchObject({ status: 'approved' });
    // The approval takes effect at once: institutions under review are never cached.
    const report = await file(clinic, 'patient-visit-report', {
      ...VISIT_PATIENT,
      temperature: 36.6,
    });
    expect(report.status).toBe(201);

    const types = await timelineTypes(sut.app, reviewer, businessKey);
    expect(types[0]).toBe('process.started');
    expect(types.filter((type) => type === 'task.completed')).toHaveLength(3);
    expect(types.at(-1)).toBe('process.ended');
    expect((await api(otherDistrict).get(`/api/processes/${businessKey}/timeline`)).status).toBe(
      404,
    );
  });

  it('given two prescriptions, when the pharmacist rejects the first and approves the second, then the patient sees only the approved one', async () => {
    const patientIdentity = patientValues();
    const password = 'Patient#2026';
    await request(sut.app.getHttpServer() as App)
      .post('/api/patients/register')
      .send({ values: patientIdentity, password })
      .expect(201);
    const patient = await login(String(patientIdentity['phone']), password);
    const doctor = await login('demo-doctor');
    const pharmacist = await login('demo-pharmacist');

    const first = await file(doctor, 'prescription', prescriptionFor(patientIdentity, '急性咽炎'));
    expect(first.status).toBe(201);
    await settle(sut.app);
    const audit = await theTask(sut.app, pharmacist, (first.body as { id: string }).id);
    expect(
      (await api(pharmacist).post(`/api/tasks/${audit.id}/complete`).send({ action: 'reject' }))
        .status,
    ).toBe(422);
    const rejected = await api(pharmacist)
      .post(`/api/tasks/${audit.id}/complete`)
      .send({ action: 'reject', reason: '剂量超出说明书范围' });
    expect(rejected.status).toBe(200);
    await settle(sut.app);
    // The doctor reads on the prescription that it was rejected, and why.
    const firstId = (first.body as { id: string }).id;
    const asFiled = await api(doctor).get(`/api/submissions/${firstId}`);
    expect(asFiled.body.workflowOutcomes).toEqual({
      'prescription-audit': {
        decision: 'reject',
        reason: '剂量超出说明书范围',
        endedAt: expect.any(String),
      },
    });

    const second = await file(
      doctor,
      'prescription',
      prescriptionFor(patientIdentity, '急性上呼吸道感染'),
    );
    expect(second.status).toBe(201);
    const secondId = (second.body as { id: string }).id;
    await settle(sut.app);
    // The patient sees nothing while the audit is pending.
    const pending = await api(patient).get('/api/submissions').query({ form: 'prescription' });
    expect(pending.status).toBe(200);
    expect(pending.body.items).toEqual([]);

    const secondAudit = await theTask(sut.app, pharmacist, secondId);
    const approve = await api(pharmacist)
      .post(`/api/tasks/${secondAudit.id}/complete`)
      .send({ action: 'approve' });
    expect(approve.status).toBe(200);
    await settle(sut.app);

    const visible = await api(patient).get('/api/submissions').query({ form: 'prescription' });
    expect(visible.status).toBe(200);
    expect((visible.body.items as { id: string }[]).map((item) => item.id)).toEqual([secondId]);
    expect(
      (await api(patient).get(`/api/submissions/${(first.body as { id: string }).id}`)).status,
    ).toBe(404);
  });

  it('given a fever report, when filed, then the chosen fever clinic gets a referral task, the district is notified, and with a shortened timer an unconfirmed referral escalates to the district reviewer', async () => {
    const doctor = await login('demo-doctor');
    const feverClinic = await login('demo-fever-clinic');
    const reviewer = await login('demo-reviewer');
    const feverVisit = {
      ...VISIT_PATIENT,
      temperature: 38.6,
      currentAddress: { region: '441900003', detail: '东城街道某路 8 号' },
      referralInstitution: 'DG007',
    };

    const confirmed = await file(doctor, 'patient-visit-report', feverVisit);
    expect(confirmed.status).toBe(201);
    const confirmedKey = (confirmed.body as { id: string }).id;
    await settle(sut.app);
    const referral = await theTask(sut.app, feverClinic, confirmedKey);
    expect(referral.actions).toEqual(['confirm']);
    const notices = await api(reviewer).get('/api/notifications');
    expect(JSON.stringify(notices.body)).toContain(confirmedKey);
    expect(JSON.stringify(notices.body)).not.toContain(VISIT_PATIENT.patientName);
    expect(
      (
        await api(feverClinic)
          .post(`/api/tasks/${referral.id}/complete`)
          .send({ action: 'confirm' })
      ).status,
    ).toBe(200);

    // A provincial admin shortens the escalation to one minute by deploying a new version.
    const admin = await login('demo-province-admin');
    const definition = JSON.parse(
      readFileSync(join(CONTENT, 'fever-referral.json'), 'utf8'),
    ) as Record<string, unknown>;
    const current = await api(admin).get('/api/admin/workflows/fever-referral');
    const latest = Math.max(
      ...(current.body.versions as { version: number }[]).map((v) => v.version),
    );
    const deployed = await api(admin)
      .post('/api/admin/workflows')
      .send({
        definition: { ...definition, version: latest + 1, parameters: { escalateAfter: 'PT1M' } },
      });
    expect(deployed.status).toBe(201);

    const unconfirmed = await file(doctor, 'patient-visit-report', feverVisit);
    const unconfirmedKey = (unconfirmed.body as { id: string }).id;
    await settle(sut.app);
    const waiting = await theTask(sut.app, feverClinic, unconfirmedKey);
    expect(await openTasks(sut.app, reviewer, { businessKey: unconfirmedKey })).toEqual([]);

    clock.advance(61_000);
    await settle(sut.app, clock.now());
    expect(await openTasks(sut.app, feverClinic, { businessKey: unconfirmedKey })).toEqual([]);
    const escalated = await theTask(sut.app, reviewer, unconfirmedKey);
    expect(escalated.id).not.toBe(waiting.id);
    const types = await timelineTypes(sut.app, reviewer, unconfirmedKey);
    expect(types).toEqual(expect.arrayContaining(['task.cancelled', 'task.created']));
  });

  it('given a worker that fails, when its retries run out, then an incident is listed and an admin retry succeeds', async () => {
    let failuresLeft = 1;
    const effects = new Set<string>();
    sut.app.get(WorkerRegistry).register({
      topic: 'scenario-flaky',
      description: 'fails once, then records its key',
      retries: 0,
      backoff: { initialMs: 10, factor: 1, maxMs: 10 },
      handler: async (context) => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('downstream unavailable');
        }
        effects.add(context.idempotencyKey);
        return {};
      },
    });
    const admin = await login('demo-province-admin');
    const deployed = await api(admin)
      .post('/api/admin/workflows')
      .send({ definition: flakyWorkflow() });
    expect(deployed.status).toBe(201);

    const doctor = await login('demo-doctor');
    const filed = await file(doctor, 'patient-visit-report', {
      ...VISIT_PATIENT,
      temperature: 36.5,
    });
    expect(filed.status).toBe(201);
    await settle(sut.app);

    const incidents = await api(admin).get('/api/admin/incidents').query({ open: true });
    expect(incidents.status).toBe(200);
    const incident = (
      incidents.body.items as { id: string; topic: string; message: string }[]
    ).find((item) => item.topic === 'scenario-flaky');
    expect(incident).toMatchObject({ message: expect.stringContaining('downstream unavailable') });
    expect(effects.size).toBe(0);
    const doctorTry = await api(doctor).post(`/api/admin/incidents/${incident?.id}/retry`).send({});
    expect(doctorTry.status).toBe(403);

    const retried = await api(admin).post(`/api/admin/incidents/${incident?.id}/retry`).send({});
    expect(retried.status).toBe(200);
    await settle(sut.app);
    expect(effects.size).toBe(1);
    const after = await api(admin).get('/api/admin/incidents').query({ open: true });
    expect(
      (after.body.items as { topic: string }[]).filter((item) => item.topic === 'scenario-flaky'),
    ).toEqual([]);
  });
});

/** A one-step process on every visit report whose only step is the flaky worker. */
function flakyWorkflow(): Record<string, unknown> {
  const bpmn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="flakyDefinitions" targetNamespace="https://sentinel.example/bpmn">
  <bpmn:process id="scenarioFlaky" isExecutable="true" camunda:historyTimeToLive="P180D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="toWork" sourceRef="start" targetRef="work" />
    <bpmn:serviceTask id="work" name="不稳定的下游" camunda:type="external" camunda:topic="scenario-flaky" />
    <bpmn:sequenceFlow id="toEnd" sourceRef="work" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
  return {
    kind: 'workflow',
    key: 'scenario-flaky',
    version: 1,
    title: { zh: '不稳定下游测试', en: 'Flaky downstream test' },
    bpmn,
    startForm: 'patient-visit-report',
    userTasks: [],
    jurisdiction: 'district',
  };
}
