import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import { startE2eApp, type E2eApp } from './e2e-app';

describe('static front ends (e2e)', () => {
  let root: string;
  let sut: E2eApp;
  let server: App;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sentinel-static-'));
    for (const [dir, title] of [
      ['designer/dist', 'designer'],
      ['runtime-miniapp/dist', 'miniapp'],
    ] as const) {
      mkdirSync(join(root, dir), { recursive: true });
      writeFileSync(join(root, dir, 'index.html'), `<title>${title}</title>`);
    }
    writeFileSync(join(root, 'designer/dist/app.js'), 'console.log(1)');
    sut = await startE2eApp(__filename, { SENTINEL_STATIC_ROOT: root });
    server = sut.app.getHttpServer() as App;
  });

  afterAll(async () => {
    await sut.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('given both builds, when GET / and a deep link, then the designer index.html', async () => {
    expect((await request(server).get('/').expect(200)).text).toBe('<title>designer</title>');
    expect(
      (await request(server).get('/forms/42/edit').set('accept', 'text/html').expect(200)).text,
    ).toBe('<title>designer</title>');
    expect((await request(server).get('/app.js').expect(200)).text).toBe('console.log(1)');
  });

  it('given both builds, when GET /m/ and a deep link under it, then the mini-program H5 index.html', async () => {
    expect((await request(server).get('/m/').expect(200)).text).toBe('<title>miniapp</title>');
    expect(
      (await request(server).get('/m/pages/report').set('accept', 'text/html').expect(200)).text,
    ).toBe('<title>miniapp</title>');
  });

  it('given the SPA fallback, when an unknown /api route, then still the JSON 404', async () => {
    const response = await request(server)
      .get('/api/nothing')
      .set('accept', 'text/html')
      .expect(404);

    expect(response.body.error).toBe('NOT_FOUND');
  });

  it('given the SPA fallback, when a POST to a non-API path, then no HTML but the JSON 404', async () => {
    expect((await request(server).post('/forms').send({}).expect(404)).body.error).toBe(
      'NOT_FOUND',
    );
  });
});
