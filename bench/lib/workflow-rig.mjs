// The embedded workflow runtime from the built engine (engine/dist), wired by its own Nest module,
// on a store: MONGODB_URI when set, otherwise the embedded store (`npm start`'s: the mongomock
// bridge, journaled to a data directory unless `inMemory`). Shared by the workflow benchmarks;
// nothing here is measured.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
require('reflect-metadata');
export const engine = (path) =>
  require(join(import.meta.dirname, '..', '..', 'engine', 'dist', path));
const { MongooseModule } = require('@nestjs/mongoose');
const { Test } = require('@nestjs/testing');

/** start → exclusive gateway on `${amount > 10}` → external task → end (the throughput case). */
export const GATEWAY_SERVICE_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="benchDefinitions" targetNamespace="http://sentinel.test/bench">
  <bpmn:process id="benchNotify" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="toGateway" sourceRef="start" targetRef="route" />
    <bpmn:exclusiveGateway id="route" />
    <bpmn:sequenceFlow id="large" sourceRef="route" targetRef="notify">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${amount &gt; 10}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="small" sourceRef="route" targetRef="endSmall">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${amount &lt;= 10}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:serviceTask id="notify" name="Notify" camunda:type="external" camunda:topic="bench-notify" />
    <bpmn:sequenceFlow id="toEnd" sourceRef="notify" targetRef="end" />
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="endSmall" />
  </bpmn:process>
</bpmn:definitions>`;

/** start → one user task (parks) → end: the parked-instances case. */
export const USER_TASK_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="parkDefinitions" targetNamespace="http://sentinel.test/bench">
  <bpmn:process id="benchPark" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="toReview" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review" camunda:candidateGroups="district_reviewer" />
    <bpmn:sequenceFlow id="toEnd" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** The handler both the runtime's worker and the raw engine's inline service run. */
export async function notifyHandler(context) {
  return { variables: { notified: `${context.businessKey}:${context.variables.amount}` } };
}

/** A workflow definition around a BPMN text (version 1). */
export function benchWorkflow(key, bpmn) {
  return {
    kind: 'workflow',
    key,
    version: 1,
    title: { zh: key, en: key },
    bpmn,
    userTasks: [],
    jurisdiction: 'district',
  };
}

/** Opens the store: MONGODB_URI, or a fresh embedded store (journaled unless `inMemory`). */
export async function openStore({ inMemory = false } = {}) {
  if (process.env.MONGODB_URI) {
    return { uri: process.env.MONGODB_URI, kind: 'external', stop: async () => undefined };
  }
  const { startEmbeddedStore } = engine('database/embedded-store');
  const dataDir = inMemory ? undefined : mkdtempSync(join(tmpdir(), 'sentinel-bench-wf-'));
  const store = await startEmbeddedStore({ dataDir, log: () => undefined });
  return {
    uri: store.uri,
    kind: `${store.kind}${inMemory ? ' (in memory)' : ' (journaled)'}`,
    stop: async () => {
      await store.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The deployments port in memory (the runtime only reads it). */
function memoryDeployments() {
  const { WorkflowDeployments } = engine('modules/workflows/deployments/workflow-deployments');
  const versions = new Map();
  return new (class extends WorkflowDeployments {
    add(definition) {
      const deployment = {
        key: definition.key,
        version: definition.version,
        processId: 'bench',
        definition,
        checksum: definition.key,
        deployedAt: new Date(),
        deployedBy: 'bench',
      };
      versions.set(definition.key, deployment);
      return deployment;
    }
    async save(definition) {
      return { deployment: this.add(definition), created: true };
    }
    async latest(key) {
      return versions.get(key) ?? null;
    }
    async version(key, version) {
      const found = versions.get(key);
      return found?.version === version ? found : null;
    }
    async list() {
      return [...versions.values()];
    }
    async startedByForm() {
      return [];
    }
  })();
}

/**
 * The runtime as WorkflowRuntimeModule builds it (EmbeddedRuntimeModule: its models, stores, the
 * runtime and the worker registry) on database `dbName`, with the system clock, the engine's
 * default workflow configuration and deployments held in memory.
 */
export async function startRuntime(uri, dbName, { pollMs = 50 } = {}) {
  const { Global, Module } = require('@nestjs/common');
  const { AppConfig } = engine('config');
  const { EmbeddedRuntimeModule } = engine('modules/workflows/embedded');
  const { WorkflowDeployments } = engine('modules/workflows/deployments');
  const { WorkerRegistry, WorkflowRuntime } = engine('modules/workflows/runtime');
  const deployments = memoryDeployments();
  const config = {
    workflows: {
      runtime: 'embedded',
      operatonUrl: undefined,
      workerId: `bench:${process.pid}`,
      pollMs,
      jobLockMs: 60_000,
    },
  };
  // The configuration, as the app's global ConfigModule provides it.
  class AppPorts {}
  Global()(AppPorts);
  Module({ providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] })(AppPorts);
  const moduleRef = await Test.createTestingModule({
    imports: [MongooseModule.forRoot(uri, { dbName }), AppPorts, EmbeddedRuntimeModule],
  })
    .overrideProvider(WorkflowDeployments)
    .useValue(deployments)
    .compile();
  moduleRef.useLogger(false);
  await moduleRef.init();
  const runtime = moduleRef.get(WorkflowRuntime);
  return {
    runtime,
    registry: moduleRef.get(WorkerRegistry),
    async deploy(definition) {
      await runtime.deploy(deployments.add(definition));
    },
    async close() {
      await runtime.stopBackground();
      await moduleRef.close();
    },
  };
}
