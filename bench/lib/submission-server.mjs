// One HTTP server for the submission benchmark, in its own process so that it has a core to
// itself while autocannon drives it from the parent. Variants:
//   bare   — a bare NestJS app with one POST route that echoes the body with 201
//   memory — the built engine (AppModule, auth, registry, validation, encryption, blind index,
//            outbox) with the in-memory SubmissionRepository and an in-memory audit chain
//   store  — the built engine unchanged on the embedded store (or MONGODB_URI when set)
// Prints one JSON line `{ port, token }` on stdout when ready; stops on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const engine = (path) => require(join(import.meta.dirname, '..', '..', 'engine', 'dist', path));
const { Body, Controller, HttpCode, Module, Post } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { Test } = require('@nestjs/testing');

const DEMO_USER = 'demo-doctor';
const DEMO_PASSWORD = 'Sentinel@2026';

/** A bare Nest app: Express JSON parsing, one controller, nothing else. */
async function startBare() {
  class EchoController {
    echo(body) {
      return body;
    }
  }
  const echo = Object.getOwnPropertyDescriptor(EchoController.prototype, 'echo');
  Body()(EchoController.prototype, 'echo', 0);
  HttpCode(201)(EchoController.prototype, 'echo', echo);
  Post('echo')(EchoController.prototype, 'echo', echo);
  Controller('bench')(EchoController);
  class BareModule {}
  Module({ controllers: [EchoController] })(BareModule);
  const app = await NestFactory.create(BareModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, close: () => app.close() };
}

/**
 * The audit chain in memory: the same SM3 chaining per append as the real log, serialised the
 * same way, without the store write (the variant measures the engine, not the store).
 */
function memoryAuditLog() {
  const { AuditLog } = engine('modules/audit/audit-log');
  const { AUDIT_GENESIS_HASH, chainHash } = engine('modules/audit/audit-chain');
  return new (class MemoryAuditLog extends AuditLog {
    count = 0;
    head = AUDIT_GENESIS_HASH;
    async append(entry) {
      const row = {
        seq: this.count + 1,
        at: new Date(),
        action: entry.action,
        actor: entry.actor,
        resource: entry.resource,
        resourceId: entry.resourceId ?? null,
        outcome: entry.outcome ?? 'success',
        details: entry.details ?? {},
        ip: entry.ip ?? null,
        prevHash: this.head,
      };
      this.head = chainHash(this.head, row);
      // Only the head and the count are kept: the rows would dominate memory over a run.
      this.count += 1;
    }
    async verify() {
      return { ok: true, entries: this.count, headHash: this.head };
    }
  })();
}

async function startEngine(inMemory) {
  const { parseConfig } = engine('config');
  const { createRootLogger } = engine('common/logging/root-logger');
  const { openDatabase } = engine('database');
  const { AppModule } = engine('app.module');
  const { configureApp } = engine('configure-app');
  const dataDir = mkdtempSync(join(tmpdir(), 'sentinel-bench-'));
  const config = parseConfig({
    SENTINEL_MODE: 'demo',
    LOG_LEVEL: 'silent',
    SENTINEL_DATA_DIR: dataDir,
    SENTINEL_STATIC_ROOT: dataDir,
    ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
  });
  const logger = createRootLogger(config);
  const database = await openDatabase(config, logger);
  let builder = Test.createTestingModule({
    imports: [AppModule.forRoot({ config, logger, database: database.target })],
  });
  if (inMemory) {
    const { InMemorySubmissionRepository } = engine(
      'modules/submissions/in-memory-submission.repository',
    );
    const { SubmissionRepository } = engine('modules/submissions/submission.repository');
    const { AuditLog } = engine('modules/audit/audit-log');
    const audit = memoryAuditLog();
    builder = builder
      .overrideProvider(SubmissionRepository)
      .useValue(new InMemorySubmissionRepository(audit))
      .overrideProvider(AuditLog)
      .useValue(audit);
  }
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureApp(app, config, logger);
  await app.init();
  await app.listen(0, '127.0.0.1');
  return {
    app,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function login(port) {
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: DEMO_USER, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200)
    throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}

const variant = process.argv[2];
const server = variant === 'bare' ? await startBare() : await startEngine(variant === 'memory');
const { port } = server.app.getHttpServer().address();
const token = variant === 'bare' ? null : await login(port);
process.stdout.write(`${JSON.stringify({ port, token })}\n`);
process.once('SIGTERM', () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
