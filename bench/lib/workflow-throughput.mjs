// Child process of workflows.bench.mjs, part 1: instances per second from start to end of
// start → exclusive gateway → external task → end, through the embedded runtime with persistence,
// and through raw bpmn-engine without persistence (same XML, the handler inline as a plain
// service), in interleaved time-boxed rounds. Prints one JSON line with every round's figures.
import { createRequire } from 'node:module';
import {
  benchWorkflow,
  engine,
  GATEWAY_SERVICE_BPMN,
  notifyHandler,
  openStore,
  startRuntime,
} from './workflow-rig.mjs';

const require = createRequire(import.meta.url);
const { Engine } = require('bpmn-engine');
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');
const { juelExpressions } = engine('modules/workflows/embedded/juel-expressions');
const { compileProcess } = engine('modules/workflows/embedded/process-compiler');

const ROUNDS = Number(process.env.BENCH_WF_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_WF_ROUND_MS ?? 4000);
const WARMUP_MS = 2000;
const CONCURRENCY = 16;
const SCOPE = { institutionId: 'clinic-a', regionPath: ['44', '4419', '441900005'] };

/** The raw engine's service: the same handler, called inline, its variables merged by hand. */
function inlineService(variables, businessKey) {
  return (activity) => {
    if (activity.type !== 'bpmn:ServiceTask' || activity.behaviour.type !== 'external') return;
    activity.behaviour.Service = function InlineService() {
      return {
        execute(_message, callback) {
          notifyHandler({ businessKey, variables }).then(
            (result) => {
              Object.assign(variables, result.variables);
              callback(null);
            },
            (error) => callback(error),
          );
        },
      };
    };
  };
}

/** One instance on raw bpmn-engine: parse (or a cached context), run, wait for the end. */
async function rawInstance(businessKey, sourceContext) {
  const variables = { amount: 42 };
  const source = sourceContext
    ? { sourceContext }
    : { source: GATEWAY_SERVICE_BPMN, moddleOptions: { camunda } };
  const instance = new Engine({
    name: businessKey,
    ...source,
    // bpmn-engine's own expressions have no operators: the same JUEL evaluator as the runtime.
    expressions: juelExpressions(() => ({ variables, elementVariables: new Map() })),
    extensions: { inline: inlineService(variables, businessKey) },
  });
  const ended = instance.waitFor('end');
  await instance.execute();
  await ended;
}

/** Runs `one(serial)` with CONCURRENCY in flight until `ms` have passed; returns instances/s. */
async function timeBoxed(ms, one) {
  let serial = 0;
  let completed = 0;
  const started = performance.now();
  const deadline = started + ms;
  const lane = async () => {
    while (performance.now() < deadline) {
      await one(serial++);
      completed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return completed / ((performance.now() - started) / 1000);
}

/** The runtime on a fresh database per round (the bridge scans collections linearly). */
async function runtimeRound(store, round, ms) {
  const rig = await startRuntime(store.uri, `bench_wf_${process.pid}_${round}`);
  rig.registry.register({
    topic: 'bench-notify',
    description: 'benchmark handler',
    retries: 0,
    backoff: { initialMs: 1000, factor: 2, maxMs: 60_000 },
    handler: notifyHandler,
  });
  await rig.deploy(benchWorkflow('bench-notify', GATEWAY_SERVICE_BPMN));
  const waiting = new Map();
  rig.runtime.onInstanceChanged(async (snapshot) => {
    if (snapshot.state !== 'completed') return;
    waiting.get(snapshot.businessKey)?.();
    waiting.delete(snapshot.businessKey);
  });
  await rig.runtime.startBackground();
  const one = async (serial) => {
    const businessKey = `r${round}-${serial}`;
    const done = new Promise((resolve) => waiting.set(businessKey, resolve));
    await rig.runtime.start({
      workflowKey: 'bench-notify',
      businessKey,
      variables: { amount: 42 },
      scope: SCOPE,
    });
    await done;
  };
  try {
    return await timeBoxed(ms, one);
  } finally {
    await rig.close();
  }
}

const store = await openStore();
const compiled = await compileProcess({
  key: 'bench',
  version: 1,
  definition: benchWorkflow('bench', GATEWAY_SERVICE_BPMN),
});
// BENCH_WF_LINES=runtime (comma-separated) measures only some lines, e.g. under a profiler.
const only = process.env.BENCH_WF_LINES?.split(',');
const lines = Object.fromEntries(
  Object.entries({
    rawParse: (ms) => timeBoxed(ms, (i) => rawInstance(`p${i}`, null)),
    rawCached: (ms) => timeBoxed(ms, (i) => rawInstance(`c${i}`, compiled.sourceContext)),
    runtime: (ms, round) => runtimeRound(store, round, ms),
  }).filter(([name]) => !only || only.includes(name)),
);
try {
  for (const [name, line] of Object.entries(lines)) await line(WARMUP_MS, `warm-${name}`);
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const figures = {};
    for (const [name, line] of Object.entries(lines)) figures[name] = await line(ROUND_MS, round);
    rounds.push(figures);
  }
  process.stdout.write(
    `${JSON.stringify({ store: store.kind, concurrency: CONCURRENCY, roundMs: ROUND_MS, rounds })}\n`,
  );
} finally {
  await store.stop();
}
