/* global process, setTimeout */
// The real engine (built: engine/dist) plus one test worker, for workflow-crash.e2e-spec.ts.
// It boots the AppModule as main.ts does, registers worker `e2e-slow-effect` in the
// WorkerRegistry WorkflowsModule exports (before the background starts), deploys a one-task
// workflow and starts E2E_CRASH_INSTANCES instances (idempotent: a restart starts the same
// business keys again). The handler records each delivery in `e2e_handler_runs`, waits
// E2E_CRASH_HANDLER_MS, then upserts its side effect into `e2e_side_effects` keyed on the
// idempotency key. Prints `{"ready":true}` once the instances are started.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const dist = (path) => require(join(import.meta.dirname, '..', '..', 'dist', path));
const { NestFactory } = require('@nestjs/core');
const { getConnectionToken } = require('@nestjs/mongoose');
const { AppModule } = dist('app.module');
const { createRootLogger } = dist('common/logging/root-logger');
const { parseConfig } = dist('config');
const { configureApp } = dist('configure-app');
const { openDatabase } = dist('database');
const { WorkflowDeployments } = dist('modules/workflows/deployments/workflow-deployments');
const { WorkerRegistry } = dist('modules/workflows/runtime/worker-registry');
const { WorkflowRuntime } = dist('modules/workflows/runtime/workflow-runtime');

const INSTANCES = Number(process.env.E2E_CRASH_INSTANCES ?? 3);
const HANDLER_MS = Number(process.env.E2E_CRASH_HANDLER_MS ?? 3000);
const TOPIC = 'e2e-slow-effect';

const CRASH_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="crashDefinitions" targetNamespace="http://sentinel.test/e2e">
  <bpmn:process id="e2eCrash" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="toEffect" sourceRef="start" targetRef="writeEffect" />
    <bpmn:serviceTask id="writeEffect" name="Write effect" camunda:type="external" camunda:topic="${TOPIC}" />
    <bpmn:sequenceFlow id="toEnd" sourceRef="writeEffect" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const DEFINITION = {
  kind: 'workflow',
  key: 'e2e-crash',
  version: 1,
  title: { zh: '崩溃测试', en: 'Crash test' },
  bpmn: CRASH_BPMN,
  userTasks: [],
  jurisdiction: 'district',
};

// Only the engine's own variables: parseConfig refuses unknown SENTINEL_* names.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('E2E_')),
);
const config = parseConfig(env);
const logger = createRootLogger(config);
const database = await openDatabase(config, logger);
const app = await NestFactory.create(
  AppModule.forRoot({ config, database: database.target, logger }),
  {
    bodyParser: false,
    logger: false,
    abortOnError: false,
  },
);
const connection = app.get(getConnectionToken(), { strict: false });
const runs = connection.collection('e2e_handler_runs');
const effects = connection.collection('e2e_side_effects');

app.get(WorkerRegistry, { strict: false }).register({
  topic: TOPIC,
  description: 'e2e: a slow handler with a keyed side effect',
  retries: 3,
  backoff: { initialMs: 200, factor: 2, maxMs: 2000 },
  handler: async (context) => {
    const run = { key: context.idempotencyKey, attempt: context.attempt, pid: process.pid };
    await runs.insertOne({ ...run, phase: 'started', at: new Date() });
    await new Promise((resolve) => setTimeout(resolve, HANDLER_MS));
    await effects.updateOne(
      { _id: context.idempotencyKey },
      { $setOnInsert: { businessKey: context.businessKey }, $inc: { writes: 1 } },
      { upsert: true },
    );
    await runs.insertOne({ ...run, phase: 'finished', at: new Date() });
    return { variables: { effectWritten: true } };
  },
});
configureApp(app, config, logger);
await app.init(); // starts the workflow background: jobs left by a killed process resume here

const runtime = app.get(WorkflowRuntime, { strict: false });
const { deployment } = await app
  .get(WorkflowDeployments, { strict: false })
  .save(DEFINITION, 'e2e');
await runtime.deploy(deployment);
for (let i = 0; i < INSTANCES; i++) {
  await runtime.start({
    workflowKey: DEFINITION.key,
    businessKey: `crash-${i}`,
    variables: { serial: i },
    scope: { institutionId: null, regionPath: ['44', '4419', '441900005'] },
  });
}
process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid })}\n`);

process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => database.close())
    .then(() => process.exit(0));
});
