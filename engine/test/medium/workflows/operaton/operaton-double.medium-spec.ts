import { type OperatonDouble, startOperatonDouble } from '../../../support/operaton-double';
import { eligibility, referral } from './operaton-fixtures';

/**
 * The double's own contract: the engine-rest behaviour the adapter relies on, and the requests
 * it refuses so that an adapter drifting from the documented contract fails its tests.
 */
describe('Operaton double (engine-rest contract)', () => {
  let double: OperatonDouble;

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ) => {
    const response = await fetch(`${double.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': contentType },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
  };

  const deploy = (xml: string, name = 'test') => {
    const form = new FormData();
    form.set('deployment-name', name);
    form.set('data', new Blob([xml]), `${name}.bpmn`);
    return fetch(`${double.url}/deployment/create`, { method: 'POST', body: form });
  };

  const fetchAndLock = (workerId: string, extra: object = {}) =>
    call('POST', '/external-task/fetchAndLock', {
      workerId,
      maxTasks: 5,
      topics: [{ topicName: 'notify-cdc', lockDuration: 10_000 }],
      ...extra,
    });

  beforeEach(async () => {
    double = await startOperatonDouble();
    expect((await deploy(referral.bpmn, 'referral')).status).toBe(200);
    expect((await deploy(eligibility.bpmn, 'eligibility')).status).toBe(200);
  });

  afterEach(async () => {
    await double.close();
  });

  const startReferral = (
    variables: object = { escalateAfter: { value: 'PT1H', type: 'String' } },
  ) => call('POST', '/process-definition/key/referral/start', { businessKey: 'b-1', variables });

  it('Given requests the adapter must never send, When posted, Then the double refuses them like a strict engine-rest', async () => {
    expect(await startReferral({ escalateAfter: { value: 'PT1H' } })).toMatchObject({
      status: 400,
      body: { type: 'InvalidRequestException' },
    });
    expect(await startReferral({ escalateAfter: 'PT1H' })).toMatchObject({ status: 400 });
    expect(
      await call(
        'POST',
        '/process-definition/key/referral/start',
        '{"businessKey":"b"}',
        'text/plain',
      ),
    ).toMatchObject({ status: 415 });
    expect(
      await call('POST', '/process-definition/key/referral/start', {
        businessKey: 'b',
        tenantId: 'x',
      }),
    ).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('Unrecognized field "tenantId"') },
    });
    expect(await call('GET', '/task?processInstanceID=x')).toMatchObject({ status: 400 });
    expect(await call('GET', '/task?sortBy=created')).toMatchObject({ status: 400 });
  });

  it('Given BPMN outside the subset or without a history time to live, When deployed, Then 400 ParseException', async () => {
    const withoutTtl = referral.bpmn.replace(' camunda:historyTimeToLive="P180D"', '');
    const scriptTask = referral.bpmn.replace(
      '<bpmn:endEvent id="escalated" />',
      '<bpmn:endEvent id="escalated" /><bpmn:scriptTask id="s" />',
    );
    const noTopic = referral.bpmn.replace(
      ' camunda:type="external" camunda:topic="notify-cdc"',
      '',
    );

    for (const xml of [withoutTtl, scriptTask, noTopic]) {
      const response = await deploy(xml, 'broken');
      expect({ status: response.status, body: await response.json() }).toMatchObject({
        status: 400,
        body: { type: 'ParseException' },
      });
    }
  });

  it('Given an open user task, When completed twice, Then 204, then engine-rest’s 500 "Cannot find task"', async () => {
    await startReferral();
    const [job] = (await fetchAndLock('w')).body as { id: string }[];
    expect(
      await call('POST', `/external-task/${job!.id}/complete`, { workerId: 'w' }),
    ).toMatchObject({ status: 204 });
    const [task] = (await call('GET', '/task')).body as { id: string; taskDefinitionKey: string }[];
    expect(task?.taskDefinitionKey).toBe('confirmReferral');

    expect(
      await call('POST', `/task/${task!.id}/complete`, {
        variables: { decision: { value: 'confirm', type: 'String' } },
      }),
    ).toMatchObject({ status: 204 });
    expect(await call('POST', `/task/${task!.id}/complete`, { variables: {} })).toMatchObject({
      status: 500,
      body: {
        type: 'RestException',
        message: expect.stringContaining(`Cannot find task with id ${task!.id}`),
      },
    });
  });

  it('Given a locked job, When another worker fetches or completes it, Then it is refused until the lock expires', async () => {
    await startReferral();
    const locked = await fetchAndLock('worker-a');
    expect(locked.contentType).toBe('application/json');
    const [job] = locked.body as { id: string; retries: number | null; variables: object }[];
    expect(job).toMatchObject({
      retries: null,
      variables: { escalateAfter: { type: 'String', value: 'PT1H' } },
    });

    expect((await fetchAndLock('worker-b')).body).toEqual([]);
    expect(
      await call('POST', `/external-task/${job!.id}/complete`, { workerId: 'worker-b' }),
    ).toMatchObject({ status: 400 });
    double.advance(10_000);
    expect((await fetchAndLock('worker-b')).body).toEqual([
      expect.objectContaining({ id: job!.id, workerId: 'worker-b' }),
    ]);
    expect(
      await call('POST', `/external-task/${job!.id}/complete`, { workerId: 'worker-a' }),
    ).toMatchObject({ status: 400 });
    expect(
      await call('POST', `/external-task/${job!.id}/complete`, { workerId: 'worker-b' }),
    ).toMatchObject({ status: 204 });
    expect(
      await call('POST', `/external-task/${job!.id}/complete`, { workerId: 'worker-b' }),
    ).toMatchObject({ status: 404 });
  });

  it('Given a failure with no retries left, When reported, Then an incident opens; raising the retries resolves it and the job is fetchable again', async () => {
    await startReferral();
    const [job] = (await fetchAndLock('w')).body as { id: string }[];
    expect(
      await call('POST', `/external-task/${job!.id}/failure`, {
        workerId: 'w',
        errorMessage: 'down',
        errorDetails: 'Error',
        retries: 0,
        retryTimeout: 0,
      }),
    ).toMatchObject({ status: 204 });

    const [incident] = (await call('GET', '/incident?incidentType=failedExternalTask')).body as {
      id: string;
      configuration: string;
      incidentMessage: string;
    }[];
    expect(incident).toMatchObject({ configuration: job!.id, incidentMessage: 'down' });
    expect((await fetchAndLock('w')).body).toEqual([]);
    expect(await call('PUT', `/external-task/${job!.id}/retries`, { retries: -1 })).toMatchObject({
      status: 400,
    });
    expect(await call('PUT', `/external-task/${job!.id}/retries`, { retries: 1 })).toMatchObject({
      status: 204,
    });

    expect((await call('GET', '/incident/count')).body).toEqual({ count: 0 });
    expect((await call('GET', `/history/incident?incidentId=${incident!.id}`)).body).toEqual([
      expect.objectContaining({ open: false, resolved: true }),
    ]);
    expect((await fetchAndLock('w')).body).toEqual([
      expect.objectContaining({ id: job!.id, retries: 1, errorMessage: 'down' }),
    ]);
  });

  it('Given a long-polling fetch, When a job appears while it waits, Then the fetch answers with it', async () => {
    const waiting = fetchAndLock('w', { asyncResponseTimeout: 5_000 });
    await startReferral();

    expect((await waiting).body).toEqual([expect.objectContaining({ topicName: 'notify-cdc' })]);
  });

  it('Given a BPMN error no boundary catches, When reported, Then the execution ends (Operaton’s default)', async () => {
    await startReferral();
    const [job] = (await fetchAndLock('w')).body as { id: string; processInstanceId: string }[];

    expect(
      await call('POST', `/external-task/${job!.id}/bpmnError`, {
        workerId: 'w',
        errorCode: 'OTHER',
      }),
    ).toMatchObject({ status: 204 });
    expect(
      (await call('GET', `/history/process-instance/${job!.processInstanceId}`)).body,
    ).toMatchObject({ state: 'COMPLETED' });
  });
});
