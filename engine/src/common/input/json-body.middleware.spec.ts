import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { ApiError } from '../errors';
import { jsonBodyMiddleware } from './json-body.middleware';

/** The middleware alone on an Express app; the route echoes what the body looked like after it. */
function appUnderTest(): express.Express {
  const app = express();
  app.use(jsonBodyMiddleware());
  app.all('/{*path}', (req: Request, res: Response) => {
    res.json({ reached: true, body: req.body ?? null, bodyConsumed: req.readableEnded });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = error instanceof ApiError ? error.getStatus() : 500;
    res.status(status).json(error instanceof ApiError ? error.getResponse() : { error: 'other' });
  });
  return app;
}

describe('jsonBodyMiddleware', () => {
  const sut = appUnderTest();

  it('given a JSON body, when posted anywhere, then it is parsed', async () => {
    const response = await request(sut).post('/api/anything').send({ a: 1 }).expect(200);

    expect(response.body.body).toEqual({ a: 1 });
  });

  it('given multipart/form-data to POST /api/files, when run, then it passes unparsed to the handler', async () => {
    const response = await request(sut)
      .post('/api/files')
      .attach('file', Buffer.from('bytes'), 'a.bin')
      .expect(200);

    expect(response.body).toMatchObject({ reached: true, body: null, bodyConsumed: false });
  });

  it('given multipart/form-data to POST /api/files/ (trailing slash), when run, then it is exempt too', async () => {
    await request(sut).post('/api/files/').attach('file', Buffer.from('x'), 'a.bin').expect(200);
  });

  it.each([
    ['another path', 'post', '/api/forms/report/submissions'],
    ['a sub-path of files', 'post', '/api/files/123'],
    ['another method on /api/files', 'put', '/api/files'],
  ] as const)(
    'given multipart/form-data to %s, when run, then 415 UNSUPPORTED_MEDIA_TYPE',
    async (_name, method, path) => {
      const response = await request(sut)
        [method](path)
        .attach('file', Buffer.from('bytes'), 'a.bin')
        .expect(415);

      expect(response.body).toMatchObject({ error: 'UNSUPPORTED_MEDIA_TYPE' });
    },
  );

  it('given a urlencoded or text body to POST /api/files, when run, then still 415', async () => {
    await request(sut).post('/api/files').type('form').send('a=1').expect(415);
    await request(sut).post('/api/files').type('text').send('hello').expect(415);
  });
});
