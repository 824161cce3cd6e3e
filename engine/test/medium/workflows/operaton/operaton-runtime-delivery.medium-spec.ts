import type { AppConfig } from '../../../../src/config/app-config';
import {
  EngineRestClient,
  OperatonRequestError,
} from '../../../../src/modules/workflows/operaton/engine-rest-client';
import type { InstanceSnapshot } from '../../../../src/modules/workflows/runtime/runtime.types';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { referral, reviewLoop } from './operaton-fixtures';
import { type OperatonHarness, SCOPE, startOperatonHarness } from './operaton-harness';

const BACKOFF = { initialMs: 1_000, factor: 2, maxMs: 60_000 };

describe('Operaton runtime: listener delivery, background loops and engine-rest errors', () => {
  let database: TestDatabase;
  let harness: OperatonHarness;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
  });

  beforeEach(async () => {
    harness = await startOperatonHarness(database);
    harness.registry.register({
      topic: 'notify-cdc',
      description: 'notify',
      retries: 1,
      backoff: BACKOFF,
      handler: () => Promise.resolve({}),
    });
    harness.registry.register({
      topic: 'institution-status',
      description: 'status',
      retries: 1,
      backoff: BACKOFF,
      handler: () => Promise.resolve({}),
    });
    await harness.deploy(reviewLoop);
    await harness.deploy(referral);
  });

  afterEach(async () => {
    await harness.close();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('Given a listener that fails once, When due work runs, Then the same revision is delivered again until every listener accepted it', async () => {
    let failures = 1;
    harness.runtime.onInstanceChanged(() => {
      if (failures-- > 0) return Promise.reject(new Error('projection unavailable'));
      return Promise.resolve();
    });

    const started = await harness.runtime.start({
      workflowKey: 'review-loop',
      businessKey: 'd-1',
      variables: {},
      scope: SCOPE,
    });
    const redelivered = await harness.runtime.runDueWork();
    const again = await harness.runtime.runDueWork();

    expect(redelivered).toBe(1);
    expect(again).toBe(0);
    expect(harness.snapshots.map((snapshot) => [snapshot.instanceId, snapshot.revision])).toEqual([
      [started.instanceId, 1],
      [started.instanceId, 1],
    ]);
  });

  it('Given the background loops, When an instance starts, Then the long-polling worker runs its job and the listener sees the next task without runDueWork', async () => {
    let sawTask: (snapshot: InstanceSnapshot) => void = () => undefined;
    const confirmation = new Promise<InstanceSnapshot>((resolve) => {
      sawTask = resolve;
    });
    harness.runtime.onInstanceChanged((snapshot) => {
      if (snapshot.openTasks.some((task) => task.elementId === 'confirmReferral'))
        sawTask(snapshot);
      return Promise.resolve();
    });
    await harness.runtime.startBackground();
    await harness.runtime.startBackground(); // idempotent

    const started = await harness.runtime.start({
      workflowKey: 'referral',
      businessKey: 'd-2',
      variables: {},
      scope: SCOPE,
    });
    const snapshot = await confirmation;
    await harness.runtime.stopBackground();

    expect(snapshot.instanceId).toBe(started.instanceId);
    const fetches = harness.double.requestsTo('POST', /^\/external-task\/fetchAndLock$/);
    expect(fetches[0]?.body).toMatchObject({
      asyncResponseTimeout: 10_000,
      workerId: 'sentinel-test-worker',
    });
  });

  it('Given engine-rest answers an error echoing a value, When the adapter reports it, Then the status and type are kept and quoted values are elided', async () => {
    const rest = new EngineRestClient(
      { workflows: { operatonUrl: harness.double.url } } as unknown as AppConfig,
      2_000,
    );
    harness.double.injectFault({
      method: 'GET',
      path: /^\/task$/,
      status: 400,
      body: {
        type: 'InvalidRequestException',
        message: "Cannot convert value '13800138000' of type 'Integer'",
      },
    });

    const error = await rest.get('/task').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OperatonRequestError);
    expect(error).toMatchObject({ status: 400, type: 'InvalidRequestException' });
    expect((error as Error).message).not.toContain('13800138000');
  });

  it('Given engine-rest does not answer in time, When the adapter calls it, Then the call is aborted as a timeout', async () => {
    const rest = new EngineRestClient(
      { workflows: { operatonUrl: harness.double.url } } as unknown as AppConfig,
      50,
    );
    harness.double.injectFault({
      method: 'GET',
      path: /^\/incident$/,
      status: 200,
      body: [],
      delayMs: 500,
    });

    const error = await rest.get('/incident').catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'OperatonRequestError', status: null, type: 'Timeout' });
  });

  it('Given no Operaton URL, When the client is built, Then it says which setting is missing', () => {
    expect(
      () => new EngineRestClient({ workflows: { operatonUrl: undefined } } as unknown as AppConfig),
    ).toThrow('SENTINEL_OPERATON_URL must be set');
  });
});
