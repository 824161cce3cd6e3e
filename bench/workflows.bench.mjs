// Issue 5 targets for the embedded workflow runtime (bpmn-engine hydrated per command, state in
// the store, external tasks as jobs), each part in its own process:
// 1. Throughput of start → exclusive gateway → external-task handler → end through the runtime,
//    with every step persisted in the store (the embedded store as `npm start` runs it, journaled,
//    or MONGODB_URI), ≥ 60 % of raw bpmn-engine running the same XML without persistence, the
//    handler inline as a plain service, measured in the same run in interleaved rounds. The
//    target is judged against two raw baselines, each with its own verdict: bpmn-engine parsing
//    the XML per instance (its documented use) and bpmn-engine reusing a compiled context (as the
//    runtime does, so the ratio is what persistence and jobs cost). BENCH_WF_ROUNDS and
//    BENCH_WF_ROUND_MS shorten a run.
// 2. 100,000 instances parked at a user task through the runtime: this process's heap after a
//    full GC stays < 300 MB (the instances live in the store). BENCH_WF_PARKED=10000 for a
//    quick run.
import { join } from 'node:path';
import { runJsonChild } from './lib/json-child.mjs';
import { report } from './lib/measure.mjs';

const PARKED = Number(process.env.BENCH_WF_PARKED ?? 100_000);
const lib = (name) => join(import.meta.dirname, 'lib', name);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function throughput() {
  const result = await runJsonChild(lib('workflow-throughput.mjs'));
  const { rounds } = result;
  const rate = (name) => median(rounds.map((r) => r[name]));
  const ratio = (name) => median(rounds.map((r) => r.runtime / r[name]));
  console.log(
    `  start → gateway → external task → end, ${result.concurrency} in flight, ` +
      `${rounds.length} interleaved rounds of ${result.roundMs / 1000} s, store: ${result.store}, medians:`,
  );
  const lines = [
    ['raw bpmn-engine, XML parsed per instance', 'rawParse'],
    ['raw bpmn-engine, compiled context reused', 'rawCached'],
    ['embedded runtime, persisted, jobs + listener', 'runtime'],
  ];
  for (const [label, name] of lines) {
    const share = name === 'runtime' ? '' : `  (runtime = ${(ratio(name) * 100).toFixed(0)} %)`;
    console.log(`    ${label.padEnd(46)} ${rate(name).toFixed(0).padStart(5)} instances/s${share}`);
  }
  // Both baselines are judged: parsing per instance is bpmn-engine's documented use, a reused
  // compiled context is what the runtime itself does, so the second isolates what persistence costs.
  const judged = [
    ['runtime / raw bpmn-engine parsing XML', 'rawParse'],
    ['runtime / raw bpmn-engine, cached context', 'rawCached'],
  ].map(([label, name]) =>
    report(label, `${(ratio(name) * 100).toFixed(0)} %`, '≥ 60 %', ratio(name) >= 0.6),
  );
  return judged.every(Boolean);
}

async function parked() {
  const result = await runJsonChild(lib('workflow-park.mjs'), [String(PARKED)], {
    nodeArgs: ['--expose-gc'],
  });
  console.log(
    `  ${result.parked.toLocaleString('en')} of ${result.count.toLocaleString('en')} instances parked at a user task ` +
      `in ${result.seconds.toFixed(0)} s (${(result.count / result.seconds).toFixed(0)} starts/s), store: ${result.storeKind}; ` +
      `heap ${result.heapBeforeMb.toFixed(1)} MB before, rss ${result.rssAfterMb.toFixed(0)} MB after`,
  );
  return report(
    `heap after GC, ${result.count.toLocaleString('en')} parked`,
    `${result.heapAfterMb.toFixed(1)} MB`,
    '< 300 MB',
    result.heapAfterMb < 300 && result.parked === result.count,
  );
}

export async function run() {
  const throughputOk = await throughput();
  const heapOk = await parked();
  return throughputOk && heapOk;
}
