import { TaskReminders } from '../../src/modules/workflows/tasks/task-reminders';
import { createAccount } from '../support/auth-helpers';
import {
  openTasks,
  settle,
  theTask,
  timelineTypes,
  uploadPng,
  useWorkflowTestBed,
} from '../support/workflow-scenario';
import type { E2eApp } from './e2e-app';

/**
 * The other seeds' processes on the same engine, to show nothing is specific to the sentinel
 * report: seed 004's institution review by the insurance bureau as a two-person countersign
 * (会签) with a veto and a return for correction, seed 003's clue report handled by the
 * district's epidemic handler with a feedback form, and the 3-day reminder of a qualification review.
 */
describe('workflow generality over HTTP (e2e)', () => {
  const bed = useWorkflowTestBed(__filename);
  const { clock, api, login, file } = bed;
  let sut: E2eApp;
  beforeAll(() => {
    sut = bed.sut;
  });

  it('given institution information, when two insurance reviewers countersign, then one return ends the round, the clinic corrects, and both approvals end the process', async () => {
    await createAccount(sut.app, {
      username: 'insurance-2',
      roles: ['insurance_reviewer'],
      regionCode: '441900',
    });
    const clinicAdmin = await login('demo-clinic-admin');
    const first = await login('demo-insurance-reviewer');
    const second = await login('insurance-2');
    const letter = await uploadPng(sut.app, clinicAdmin, '授权书.png');
    const filed = await file(clinicAdmin, 'institution-info', {
      institutionName: '东莞市演示诊所',
      registrationNumber: 'PDY12345-444190',
      institutionType: 'clinic',
      medicalSubjects: ['02', '03'],
      address: { region: '441900003', detail: '东城街道演示路 1 号' },
      legalRepresentative: '黄小俊',
      contactPhone: '13387519110',
      nextInspectionDate: '2027-03-31',
      insuranceDesignated: true,
      insuranceCode: 'H44190000123',
      insuranceAgreementDate: '2023-06-30',
      authorisationLetter: [letter],
    });
    expect(filed.status).toBe(201);
    const businessKey = (filed.body as { id: string }).id;
    await settle(sut.app);

    // Two shares of one countersign; one person may sign only one of them.
    const shares = await openTasks(sut.app, first, { businessKey });
    expect(shares).toHaveLength(2);
    const [mine, theirs] = shares as [(typeof shares)[0], (typeof shares)[0]];
    expect(
      (await api(first).post(`/api/tasks/${mine.id}/complete`).send({ action: 'approve' })).status,
    ).toBe(200);
    expect(
      (await api(first).post(`/api/tasks/${theirs.id}/complete`).send({ action: 'approve' }))
        .status,
    ).toBe(409);
    const returned = await api(second)
      .post(`/api/tasks/${theirs.id}/complete`)
      .send({ action: 'return', reason: '医保编码与协议不一致' });
    expect(returned.status).toBe(200);
    await settle(sut.app);

    const correction = await theTask(sut.app, clinicAdmin, businessKey);
    expect(
      (
        await api(clinicAdmin)
          .post(`/api/tasks/${correction.id}/complete`)
          .send({ action: 'complete', comment: '已更正医保编码' })
      ).status,
    ).toBe(200);
    await settle(sut.app);

    const round2 = await openTasks(sut.app, second, { businessKey });
    expect(round2).toHaveLength(2);
    await api(first).post(`/api/tasks/${round2[0]?.id}/complete`).send({ action: 'approve' });
    await api(second).post(`/api/tasks/${round2[1]?.id}/complete`).send({ action: 'approve' });
    await settle(sut.app);

    expect(await openTasks(sut.app, first, { businessKey })).toEqual([]);
    const reviewed = await api(clinicAdmin).get(`/api/submissions/${businessKey}`);
    expect(reviewed.body.workflowOutcomes['institution-info-review']).toMatchObject({
      decision: 'approve',
    });
    const types = await timelineTypes(sut.app, first, businessKey);
    expect(types.at(-1)).toBe('process.ended');
    expect(types.filter((type) => type === 'task.completed')).toHaveLength(5);
  });

  it('given a clue report, when filed, then the epidemic handler of the district where the clue was found (not the filer’s) visits and reports back on the feedback form', async () => {
    await createAccount(sut.app, {
      username: 'haikou-longhua-handler',
      roles: ['epidemic_handler'],
      regionCode: '460106',
    });
    const doctor = await login('demo-doctor');
    const filersDistrict = await login('demo-epidemic-handler');
    const handler = await login('haikou-longhua-handler');
    const filed = await file(doctor, 'clue-report', {
      personName: '李某',
      personPhone: '13807561234',
      region: '460106',
      placeDetail: '海秀中路某小区 3 栋',
      foundAt: new Date(clock.now().getTime() - 3_600_000).toISOString(),
      bodyStatus: ['1', '3'],
      description: '近日从外地返回，近两日发热、干咳，未居家隔离',
    });
    expect(filed.status).toBe(201);
    const businessKey = (filed.body as { id: string }).id;
    await settle(sut.app);

    const visit = await theTask(sut.app, handler, businessKey);
    expect(await openTasks(sut.app, filersDistrict, { businessKey })).toEqual([]);
    const incomplete = await api(handler)
      .post(`/api/tasks/${visit.id}/complete`)
      .send({ action: 'complete', values: { visitResult: 'homeQuarantine' } });
    expect(incomplete.status).toBe(422);
    expect(JSON.stringify(incomplete.body)).toContain('/values/');
    const done = await api(handler)
      .post(`/api/tasks/${visit.id}/complete`)
      .send({
        action: 'complete',
        values: {
          visitDate: clock.now().toISOString().slice(0, 10),
          visitResult: 'homeQuarantine',
          feedback: '已上门核实，体温 37.8 ℃，已送发热门诊并落实家属居家隔离',
        },
      });
    expect(done.status).toBe(200);
    await settle(sut.app);
    expect(await openTasks(sut.app, handler, { businessKey })).toEqual([]);
  });

  it('given a qualification review untouched for three days, when the reminder sweep runs, then the district reviewer is reminded once', async () => {
    const admin = await login('demo-clinic-admin');
    const reviewer = await login('demo-reviewer');
    const licence = await uploadPng(sut.app, admin, '许可证.png');
    const filed = await file(admin, 'clinic-qualification', {
      institutionType: 'clinic',
      licenceOriginal: [licence],
      licenceCopy: [licence],
      licenceInspectionPage: [licence],
    });
    expect(filed.status).toBe(201);
    const businessKey = (filed.body as { id: string }).id;
    await settle(sut.app);
    await theTask(sut.app, reviewer, businessKey);

    clock.advance(3 * 24 * 3_600_000 + 60_000);
    await settle(sut.app, clock.now());
    await sut.app.get(TaskReminders).runDue(clock.now());
    await sut.app.get(TaskReminders).runDue(clock.now());

    // Tokens expired while three days passed; log in again.
    const fresh = await login('demo-reviewer');
    const notices = await api(fresh).get('/api/notifications');
    expect(notices.status).toBe(200);
    const reminders = (notices.body.items as { kind: string; businessKey?: string }[]).filter(
      (notice) => notice.kind === 'task-reminder' && notice.businessKey === businessKey,
    );
    expect(reminders).toHaveLength(1);
  });
});
