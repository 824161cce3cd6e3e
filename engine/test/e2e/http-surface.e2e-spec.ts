import request from 'supertest';
import type { App } from 'supertest/types';
import { startE2eApp, type E2eApp } from './e2e-app';

describe('HTTP surface (e2e)', () => {
  let sut: E2eApp;
  let server: App;

  beforeAll(async () => {
    sut = await startE2eApp(__filename);
    server = sut.app.getHttpServer() as App;
  });

  afterAll(async () => {
    await sut.close();
  });

  it('given the store is up, when GET /api/health, then 200 with heap and database up and the store kind', async () => {
    const response = await request(server).get('/api/health').expect(200);

    expect(response.body).toMatchObject({
      status: 'ok',
      info: { heap: { status: 'up' }, database: { status: 'up', kind: 'external' } },
      error: {},
    });
  });

  it('when GET /api/docs, then the Swagger UI HTML; docs-json is OpenAPI 3 listing /api/health', async () => {
    const page = await request(server).get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('swagger-ui-bundle.js');

    const json = await request(server).get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(json.body.info.title).toBe('Sentinel reporting engine');
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/forms/{key}/submissions',
        '/api/admin/forms/{key}/publish',
      ]),
    );
    expect(json.body.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
    expect(Object.keys(json.body.components.schemas)).toEqual(
      expect.arrayContaining(['ErrorBodyDto']),
    );
    expect(
      json.body.paths['/api/health'].get.responses['400'].content['application/json'].schema,
    ).toEqual({
      $ref: '#/components/schemas/ErrorBodyDto',
    });
  });

  it('when any request, then helmet headers and a request id are present', async () => {
    const response = await request(server).get('/api/health');

    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when an unknown route, then 404 in the error shape', async () => {
    const response = await request(server).get('/api/no-such-thing').expect(404);

    expect(response.body).toEqual({
      statusCode: 404,
      error: 'NOT_FOUND',
      errors: [
        {
          path: '',
          code: 'NOT_FOUND',
          message: { zh: '未找到', en: 'Cannot GET /api/no-such-thing' },
        },
      ],
    });
  });

  it('given a body of 1 MB + 1 byte, when posted, then 413 in the error shape', async () => {
    const padding = 'a'.repeat(1024 * 1024 + 1 - '{"a":""}'.length);
    const body = `{"a":"${padding}"}`;
    expect(Buffer.byteLength(body)).toBe(1024 * 1024 + 1);

    const response = await request(server)
      .post('/api/test/echo')
      .set('content-type', 'application/json')
      .send(body)
      .expect(413);

    expect(response.body).toEqual({
      statusCode: 413,
      error: 'PAYLOAD_TOO_LARGE',
      errors: [
        {
          path: '',
          code: 'PAYLOAD_TOO_LARGE',
          message: {
            zh: '请求体不能超过 1 MB（1048576 字节）',
            en: 'Body may not exceed 1 MB (1048576 bytes)',
          },
        },
      ],
    });
  });

  it('given a body of exactly 1 MB, when posted, then it reaches the handler', async () => {
    const body = `{"a":"${'a'.repeat(1024 * 1024 - '{"a":""}'.length)}"}`;

    const response = await request(server)
      .post('/api/test/echo')
      .set('content-type', 'application/json')
      .send(body)
      .expect(201);

    expect((response.body.received.a as string).length).toBe(1024 * 1024 - 8);
  });

  it.each([
    ['{"__proto__":{"x":1}}', '/__proto__'],
    ['{"constructor":{"prototype":{"x":1}}}', '/constructor'],
    ['{"ok":[{"deep":{"__proto__":{"x":1}}}]}', '/ok/0/deep/__proto__'],
  ])('given %s, when posted, then 400 FORBIDDEN_KEY at %s and no pollution', async (body, path) => {
    const response = await request(server)
      .post('/api/test/echo')
      .set('content-type', 'application/json')
      .send(body)
      .expect(400);

    expect(response.body.error).toBe('FORBIDDEN_KEY');
    expect(response.body.errors[0].path).toBe(path);
    expect(response.body.errors[0].message.zh).toContain(path);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('given nesting 33 deep, when posted, then 400 BODY_TOO_DEEP; 32 deep passes', async () => {
    const nested = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

    const deep = await request(server)
      .post('/api/test/echo')
      .set('content-type', 'application/json')
      .send(nested(33))
      .expect(400);
    expect(deep.body.error).toBe('BODY_TOO_DEEP');
    expect(deep.body.errors[0].path).toBe('/a'.repeat(32));

    await request(server)
      .post('/api/test/echo')
      .set('content-type', 'application/json')
      .send(nested(32))
      .expect(201);
  });

  it('given 501 fields, when posted, then 400 BODY_TOO_MANY_FIELDS naming the 501st', async () => {
    const body = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`f${i}`, i]));

    const response = await request(server).post('/api/test/echo').send(body).expect(400);

    expect(response.body.error).toBe('BODY_TOO_MANY_FIELDS');
    expect(response.body.errors[0].path).toBe('/f500');
    expect(response.body.errors[0].message.en).toContain('field 501 is at /f500');
  });

  it('given q[$ne]=x in the query, when requested, then 400 FORBIDDEN_QUERY_KEY with the path', async () => {
    const response = await request(server).get('/api/health?q[$ne]=x').expect(400);

    expect(response.body).toMatchObject({
      statusCode: 400,
      error: 'FORBIDDEN_QUERY_KEY',
      errors: [{ path: '/q[$ne]', code: 'FORBIDDEN_QUERY_KEY' }],
    });
    expect(response.body.errors[0].message.zh).toContain('/q[$ne]');
  });

  it('given malformed JSON or a non-JSON body, then 400 INVALID_JSON and 415', async () => {
    const bad = await request(server)
      .post('/api/test/echo')
      .set('content-type', 'application/json')
      .send('{"a":')
      .expect(400);
    expect(bad.body.error).toBe('INVALID_JSON');

    const scalar = await request(server)
      .post('/api/test/echo')
      .set('content-type', 'application/json')
      .send('"text"')
      .expect(400);
    expect(scalar.body.error).toBe('INVALID_JSON');

    const form = await request(server).post('/api/test/echo').type('form').send('a=1').expect(415);
    expect(form.body.error).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('given a DTO route, when a field is wrong or extra, then 400 VALIDATION_FAILED with field paths', async () => {
    const response = await request(server)
      .post('/api/test/report')
      .send({ patient: { name: 3, age: 40 }, extra: 1 })
      .expect(400);

    expect(response.body.error).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/patient/name', code: 'isString' }),
        expect.objectContaining({ path: '/extra', code: 'whitelistValidation' }),
      ]),
    );
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('given a valid DTO, when posted, then it is transformed and echoed', async () => {
    const response = await request(server)
      .post('/api/test/report')
      .send({ patient: { name: '张三', age: 40 } })
      .expect(201);

    expect(response.body).toEqual({ patient: { name: '张三', age: 40 } });
  });
});
