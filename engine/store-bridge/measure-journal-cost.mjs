// What the write-ahead journal costs: single-insert latency through mongoose with the bridge in
// memory only (no data dir, so no journal) and with a data dir (journal + fsync before each reply),
// plus throughput with concurrent writers (group commit) and journal bytes per insert.
//
//   node engine/store-bridge/measure-journal-cost.mjs [inserts=2000] [concurrency=16]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const mongoose = createRequire(join(here, '..', 'package.json'))('mongoose');
const BRIDGE = join(here, 'mongo_wire_bridge.py');
const INSERTS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const WARM_UP = 200;

/** A report-sized document: a few strings, numbers, a date and a nested object. */
function report(sequence) {
  return {
    sequence,
    formKey: 'patient-visit-report',
    formVersion: 3,
    status: 'reported',
    institutionId: 'clinic-4419-0001',
    regionPath: ['440000', '441900', '441900003'],
    values: { temperature: 38.5, symptoms: ['fever', 'cough'], visitDate: '2026-01-15' },
    derived: { fever: true },
    createdAt: new Date(),
  };
}

function startBridge(dataDir) {
  const args = [BRIDGE, '0', ...(dataDir ? ['--data-dir', dataDir] : [])];
  const child = spawn('/usr/bin/python3', args, { stdio: ['pipe', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bridge exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^LISTENING (\d+)$/.exec(line);
      if (match) resolve({ child, port: Number(match[1]) });
    });
  });
}

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

function journalBytes(dataDir) {
  return readdirSync(dataDir)
    .filter((name) => name.startsWith('journal-'))
    .reduce((total, name) => total + statSync(join(dataDir, name)).size, 0);
}

async function measure(label, dataDir) {
  const { child, port } = await startBridge(dataDir);
  const connection = await mongoose
    .createConnection(`mongodb://127.0.0.1:${port}/cost?directConnection=true`)
    .asPromise();
  const Report = connection.model('Report', new mongoose.Schema({}, { strict: false }));
  let sequence = 0;
  for (let i = 0; i < WARM_UP; i += 1) await Report.create(report(sequence++));

  const before = dataDir ? journalBytes(dataDir) : 0;
  const latencies = [];
  for (let i = 0; i < INSERTS; i += 1) {
    const started = process.hrtime.bigint();
    await Report.create(report(sequence++));
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const perInsert = dataDir ? (journalBytes(dataDir) - before) / INSERTS : 0;

  const concurrentStarted = process.hrtime.bigint();
  let remaining = INSERTS;
  const worker = async () => {
    while (remaining-- > 0) await Report.create(report(sequence++));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - concurrentStarted) / 1e9;

  latencies.sort((a, b) => a - b);
  const size = mongoose.mongo.BSON.calculateObjectSize(report(0));
  process.stdout.write(
    `${label.padEnd(8)} single insert median ${percentile(latencies, 0.5).toFixed(2)} ms, ` +
      `p90 ${percentile(latencies, 0.9).toFixed(2)} ms, p99 ${percentile(latencies, 0.99).toFixed(2)} ms; ` +
      `${CONCURRENCY} concurrent writers ${(INSERTS / seconds).toFixed(0)} inserts/s` +
      (dataDir
        ? `; journal ${perInsert.toFixed(0)} bytes per insert (document ${size} bytes as BSON)`
        : '') +
      '\n',
  );
  await connection.close();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

const dataDir = mkdtempSync(join(tmpdir(), 'journal-cost-'));
try {
  await measure('memory', undefined);
  await measure('journal', dataDir);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
