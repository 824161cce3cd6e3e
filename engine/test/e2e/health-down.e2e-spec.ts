import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import request from 'supertest';
import type { App } from 'supertest/types';
import { startE2eApp, type E2eApp } from './e2e-app';

describe('GET /api/health when the database is down (e2e)', () => {
  let sut: E2eApp;

  beforeAll(async () => {
    sut = await startE2eApp(__filename);
  });

  afterAll(async () => {
    await sut.close();
  });

  it('given the mongoose connection is closed, when GET /api/health, then 503 in the error shape naming the database', async () => {
    await sut.app.get<Connection>(getConnectionToken()).close();

    const response = await request(sut.app.getHttpServer() as App)
      .get('/api/health')
      .expect(503);

    expect(response.body.statusCode).toBe(503);
    expect(response.body.error).toBe('SERVICE_UNAVAILABLE');
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0]).toMatchObject({ path: '/database', code: 'DOWN' });
    expect(response.body.errors[0].message.en).toMatch(/^database is down: .*"kind":"external"/);
    expect(response.body.errors[0].message.zh).toMatch(/^database 不可用/);
  });
});
