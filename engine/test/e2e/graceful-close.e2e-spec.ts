import { startE2eApp, type E2eApp } from './e2e-app';

describe('graceful close (e2e)', () => {
  let sut: E2eApp;

  beforeAll(async () => {
    sut = await startE2eApp(__filename);
  });

  afterAll(async () => {
    await sut.database.drop();
  });

  it('given a request in flight, when the app closes, then the request completes and new connections are refused', async () => {
    await sut.app.listen(0, '127.0.0.1');
    const address = sut.app.getHttpServer().address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const inFlight = fetch(`http://127.0.0.1:${port}/api/test/slow?ms=400`);
    await new Promise((done) => setTimeout(done, 100));

    const closeStarted = Date.now();
    const closing = sut.app.close();
    const response = await inFlight;
    await closing;

    // Without ConnectionDrain the keep-alive connection would hold close() for ~5 s.
    expect(Date.now() - closeStarted).toBeLessThan(2000);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ waited: 400 });
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
  });
});
