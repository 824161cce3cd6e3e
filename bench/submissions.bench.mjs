// Issue 4 target: the submission endpoint with the in-memory repository (validation, rules,
// encryption, blind index, outbox; a real bearer token through the real auth guard) serves
// ≥ 40 % of the requests/s of a bare NestJS endpoint measured in the same run, with p99 < 25 ms,
// on 2 cores. Each server runs in its own process; autocannon drives them from this one in
// interleaved rounds (bare, stack, memory, store, bare, …) so a noisy neighbour slows them alike.
// Printed as well: the engine's HTTP stack alone (the same route refused before its handler
// runs, to show how much of the gap is the shared middleware) and the endpoint on the real
// store (embedded bridge, or MONGODB_URI when set).
import { join } from 'node:path';
import { median, postLoad, startServerProcess } from './lib/http-load.mjs';
import { report } from './lib/measure.mjs';

const SERVER = join(import.meta.dirname, 'lib', 'submission-server.mjs');
const CONNECTIONS = 10;
const ROUNDS = 4;
const ROUND_SECONDS = 4;
const WARMUP_SECONDS = 2;

/** Today in China: onset dates may not lie in the future. */
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The case a clinic files most: a febrile patient referred to a fever clinic (38.5 °C). */
const REPORT = {
  values: {
    patientName: '陈琛',
    idType: '01',
    idNumber: '362421199409180026',
    gender: '2',
    birthDate: '1994-09-18',
    phone: '13658582323',
    crowdCategory: '01',
    onsetDate: today,
    epidemiologicalHistory: ['none'],
    mainSymptoms: { shortBreath: true, diarrhoea: true, lossOfTaste: true },
    temperature: 38.5,
    currentAddress: { region: '441900005', detail: '万江街道金泰社区 1 号' },
    referralInstitution: 'DG007',
    patientDestination: 'referral',
  },
};

const LINES = [
  { name: 'bare', server: 'bare', label: 'bare NestJS echo (201)' },
  { name: 'stack', server: 'memory', label: 'engine HTTP stack only (400 before handler)' },
  { name: 'memory', server: 'memory', label: 'submission, in-memory repository' },
  { name: 'store', server: 'store', label: 'submission, real store' },
];

function target(line, server) {
  if (line.name === 'bare') {
    return { url: `http://127.0.0.1:${server.port}/bench/echo`, body: REPORT, expect: 201 };
  }
  const submission = {
    url: `http://127.0.0.1:${server.port}/api/forms/patient-visit-report/submissions`,
    body: REPORT,
    headers: { authorization: `Bearer ${server.token}` },
  };
  // Without an Idempotency-Key the route answers 400 after the global middleware and guard.
  if (line.name === 'stack') return { ...submission, expect: 400 };
  return { ...submission, uniqueHeader: 'idempotency-key', expect: 201 };
}

/** One request before measuring, so a broken setup fails loudly instead of timing errors. */
async function checkOnce(line, t) {
  const response = await fetch(t.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(t.uniqueHeader ? { [t.uniqueHeader]: `check-${Date.now()}` } : {}),
      ...t.headers,
    },
    body: JSON.stringify(t.body),
  });
  if (response.status !== t.expect) {
    throw new Error(
      `${line.name}: expected ${t.expect}, got ${response.status} ${await response.text()}`,
    );
  }
}

const ms = (x) => `${x.toFixed(1)} ms`;

export async function run() {
  const servers = Object.fromEntries(
    ['bare', 'memory', 'store'].map((n) => [n, startServerProcess(SERVER, [n])]),
  );
  try {
    const targets = {};
    for (const line of LINES) targets[line.name] = target(line, await servers[line.server].ready);
    for (const line of LINES) await checkOnce(line, targets[line.name]);
    const load = (line, seconds) =>
      postLoad({ ...targets[line.name], connections: CONNECTIONS, durationSeconds: seconds });
    for (const line of LINES) await load(line, WARMUP_SECONDS);

    const samples = Object.fromEntries(LINES.map((line) => [line.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const line of LINES) samples[line.name].push(await load(line, ROUND_SECONDS));
    }
    for (const line of LINES) {
      const expected = String(targets[line.name].expect);
      const wrong = samples[line.name].reduce(
        (sum, s) =>
          sum +
          s.errors +
          Object.entries(s.statusCounts).reduce(
            (n, [code, c]) => n + (code === expected ? 0 : c),
            0,
          ),
        0,
      );
      if (wrong > 0) throw new Error(`${line.name}: ${wrong} answers were not ${expected}`);
    }

    const rps = (name) => median(samples[name].map((s) => s.rps));
    const p99 = (name) => median(samples[name].map((s) => s.p99));
    const ratioToBare = (name) => median(samples[name].map((s, i) => s.rps / samples.bare[i].rps));
    console.log(
      `  POST patient-visit-report (38.5 °C, referred), ${CONNECTIONS} connections, ` +
        `${ROUNDS} interleaved rounds of ${ROUND_SECONDS} s, medians:`,
    );
    for (const line of LINES) {
      const share =
        line.name === 'bare' ? '' : `  (${(ratioToBare(line.name) * 100).toFixed(0)} % of bare)`;
      console.log(
        `    ${line.label.padEnd(44)} ${rps(line.name).toFixed(0).padStart(6)} req/s   p99 ${ms(p99(line.name)).padStart(8)}${share}`,
      );
    }
    const ratio = ratioToBare('memory');
    const throughputOk = report(
      'in-memory submission / bare endpoint, req/s',
      `${(ratio * 100).toFixed(0)} %`,
      '≥ 40 %',
      ratio >= 0.4,
    );
    const latencyOk = report(
      'in-memory submission p99',
      ms(p99('memory')),
      '< 25 ms',
      p99('memory') < 25,
    );
    return throughputOk && latencyOk;
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
}
