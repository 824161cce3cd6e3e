// Timing helpers shared by the benchmarks: medians of repeated samples, because the machines are
// shared and noisy; every figure is reported next to a baseline measured in the same run.

/** Runs `fn` `iterations` times per sample and returns the median nanoseconds per call. */
export function medianNsPerCall(fn, { iterations = 20_000, samples = 15, warmup = 3 } = {}) {
  let sink = 0;
  for (let w = 0; w < warmup; w++) for (let i = 0; i < iterations; i++) sink ^= fn(i) ? 1 : 0;
  const perCall = [];
  for (let s = 0; s < samples; s++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) sink ^= fn(i) ? 1 : 0;
    perCall.push(Number(process.hrtime.bigint() - start) / iterations);
  }
  perCall.sort((a, b) => a - b);
  globalThis.__benchSink = sink; // keeps the optimiser from dropping the work
  return perCall[Math.floor(perCall.length / 2)];
}

/**
 * Measures several implementations in interleaved samples (A, B, C, A, B, C, …) so that a noisy
 * neighbour slows them alike; returns the median ns per call of each and the median of the per-sample
 * ratios of each to the first (the baseline).
 */
export function pairedMedians(fns, { iterations = 20_000, samples = 21, warmup = 3 } = {}) {
  let sink = 0;
  const timeOnce = (fn, n) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sink ^= fn(i) ? 1 : 0;
    return Number(process.hrtime.bigint() - start) / n;
  };
  for (let w = 0; w < warmup; w++) for (const fn of fns) timeOnce(fn, iterations);
  const perCall = fns.map(() => []);
  const ratios = fns.map(() => []);
  for (let s = 0; s < samples; s++) {
    const times = fns.map((fn) => timeOnce(fn, iterations));
    times.forEach((t, i) => {
      perCall[i].push(t);
      ratios[i].push(t / times[0]);
    });
  }
  globalThis.__benchSink = sink;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ns: perCall.map(median), ratioToFirst: ratios.map(median) };
}

/** Formats nanoseconds with a sensible unit. */
export function formatNs(ns) {
  return ns >= 1e6
    ? `${(ns / 1e6).toFixed(2)} ms`
    : ns >= 1e3
      ? `${(ns / 1e3).toFixed(2)} µs`
      : `${ns.toFixed(0)} ns`;
}

/** Prints one result line and whether it meets its target; returns true when it does. */
export function report(label, value, target, meets) {
  const verdict = meets ? 'meets' : 'MISSES';
  console.log(`  ${label.padEnd(48)} ${value.padStart(12)}   target ${target} → ${verdict}`);
  return meets;
}
