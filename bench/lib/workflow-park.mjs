// Child process of workflows.bench.mjs, part 2 (run with --expose-gc): parks N instances at a
// user task through the embedded runtime, then reports this process's heap after a full GC.
// The instances live in the store (MONGODB_URI, or the embedded store in memory), not here.
// Prints one JSON line.
import { benchWorkflow, openStore, startRuntime, USER_TASK_BPMN } from './workflow-rig.mjs';

const COUNT = Number(process.argv[2] ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_WF_PARK_CONCURRENCY ?? 8);
const SCOPE = { institutionId: 'clinic-a', regionPath: ['44', '4419', '441900005'] };

function heapAfterGc() {
  for (let i = 0; i < 3; i++) globalThis.gc();
  return process.memoryUsage();
}

const store = await openStore({ inMemory: true });
const rig = await startRuntime(store.uri, `bench_park_${process.pid}`);
try {
  await rig.deploy(benchWorkflow('bench-park', USER_TASK_BPMN));
  const start = (serial) =>
    rig.runtime.start({
      workflowKey: 'bench-park',
      businessKey: `park-${serial}`,
      variables: { submissionId: `park-${serial}`, amount: serial % 100 },
      scope: SCOPE,
    });
  await start(-1); // compiles and warms the path before the baseline is taken
  const before = heapAfterGc();
  const started = performance.now();
  let next = 0;
  let parked = 0;
  const lane = async () => {
    while (next < COUNT) {
      const snapshot = await start(next++);
      if (snapshot.openTasks.length === 1) parked++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  const seconds = (performance.now() - started) / 1000;
  const after = heapAfterGc();
  const stored = await rig.runtime.instancesByBusinessKey('park-0');
  process.stdout.write(
    `${JSON.stringify({
      count: COUNT,
      parked,
      seconds,
      storeKind: store.kind,
      heapBeforeMb: before.heapUsed / 2 ** 20,
      heapAfterMb: after.heapUsed / 2 ** 20,
      rssAfterMb: after.rss / 2 ** 20,
      firstParkedOpenTasks: stored[0]?.openTasks.length ?? 0,
    })}\n`,
  );
} finally {
  await rig.close();
  await store.stop();
}
