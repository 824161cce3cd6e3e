import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { AppModule } from '../../src/app.module';
import { createRootLogger } from '../../src/common/logging/root-logger';
import { parseConfig } from '../../src/config';
import { configureApp } from '../../src/configure-app';
import { asJson, feverCheckForm, symptomsDictionary } from '../medium/registry/registry-fixtures';
import { authed, createAccount, FAST_HASHING_ENV, loginAs } from '../support/auth-helpers';
import { startE2eApp, type E2eApp } from './e2e-app';

const ENV = {
  ...FAST_HASHING_ENV,
  SENTINEL_SEED_CONTENT: 'false',
  SENTINEL_REGISTRY_POLL_MS: '250',
};

/** A second engine instance on the first one's database, built the way startE2eApp builds one. */
async function startSecondInstance(database: {
  uri: string;
  name: string;
}): Promise<NestExpressApplication> {
  const config = parseConfig({ SENTINEL_MODE: 'test', LOG_LEVEL: 'silent', ...ENV });
  const logger = createRootLogger(config);
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppModule.forRoot({
        config,
        logger,
        database: { uri: database.uri, kind: 'external', dbName: database.name },
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: false,
  });
  configureApp(app, config, logger);
  await app.init();
  return app;
}

/** Milliseconds until `GET path` on `server` answers with `version` (throws after 3 s). */
async function millisecondsUntilServed(server: App, path: string, version: number) {
  const started = Date.now();
  while (Date.now() - started < 3000) {
    const response = await request(server).get(path);
    if (response.status === 200 && response.body.version === version) return Date.now() - started;
    await new Promise((done) => setTimeout(done, 10));
  }
  throw new Error(`${path} never served version ${version}`);
}

describe('definition propagation between two engine instances (e2e)', () => {
  let first: E2eApp;
  let second: NestExpressApplication;
  let secondServer: App;
  let editor: ReturnType<typeof authed>;

  beforeAll(async () => {
    first = await startE2eApp(__filename, ENV);
    second = await startSecondInstance(first.database);
    secondServer = second.getHttpServer() as App;
    await createAccount(first.app, { username: 'propagation-editor', roles: ['policy_editor'] });
    editor = authed(first.app, await loginAs(first.app, 'propagation-editor'));
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('given the second instance serves version 1 from its cache, when the first publishes version 2, then the second serves it in under 1000 ms', async () => {
    for (const [route, key, definition] of [
      ['dictionaries', 'test-symptoms', symptomsDictionary()],
      ['forms', 'fever-check', feverCheckForm()],
    ] as const) {
      await editor
        .put(`/api/admin/${route}/${key}/draft`)
        .send({ definition: asJson(definition), revision: 0 })
        .expect(200);
      await editor.post(`/api/admin/${route}/${key}/publish`).send({ revision: 1 }).expect(201);
    }
    await millisecondsUntilServed(secondServer, '/api/forms/fever-check', 1);

    await editor
      .put('/api/admin/forms/fever-check/parameters')
      .send({ values: { feverThreshold: 38.0 } })
      .expect(201);
    const elapsed = await millisecondsUntilServed(secondServer, '/api/forms/fever-check', 2);

    expect(elapsed).toBeLessThan(1000);
    const served = await request(secondServer).get('/api/forms/fever-check').expect(200);
    expect(served.body.parameters).toEqual({ feverThreshold: 38 });
  });
});
