// HTTP load through autocannon, plus the child-process servers it drives; shared by the
// benchmarks that measure an endpoint against a baseline measured in the same run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

/**
 * Starts `node <script> <args>` and resolves with the JSON line it prints when ready.
 * The child is killed if it does not report within `timeoutMs`.
 */
export function startServerProcess(script, args, { timeoutMs = 90_000 } = {}) {
  const child = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} server not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} server exited with ${code} before it was ready`));
    });
  });
  return {
    ready,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * One autocannon run of POST requests. With `uniqueHeader`, every request carries its own
 * value of that header (e.g. an Idempotency-Key), so no two requests are repeats.
 * Resolves with requests/s, p99 latency in ms, the count per status code and of errors.
 */
export function postLoad({ url, body, headers = {}, uniqueHeader, connections, durationSeconds }) {
  const prefix = randomBytes(6).toString('hex');
  let serial = 0;
  const base = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
  const requests = [
    uniqueHeader === undefined
      ? base
      : {
          ...base,
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, [uniqueHeader]: `bench-${prefix}-${++serial}` },
          }),
        },
  ];
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: durationSeconds, requests }, (error, result) => {
      if (error) return reject(error);
      resolve({
        rps: result.requests.average,
        p99: result.latency.p99,
        statusCounts: Object.fromEntries(
          Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
        ),
        errors: result.errors + result.timeouts,
        total: result.requests.total,
      });
    });
  });
}

/** Median of numbers (the middle one, or the lower middle of an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
