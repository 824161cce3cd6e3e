import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { asJson, feverCheckForm, symptomsDictionary } from './registry-fixtures';
import { startRegistry, type RegistryInstance } from './registry-harness';

/** Polls `read` until it yields `want`; returns the milliseconds it took (or throws after 3 s). */
async function millisecondsUntil(read: () => Promise<unknown>, want: unknown): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 3000) {
    if ((await read()) === want) return Date.now() - started;
    await new Promise((done) => setTimeout(done, 10));
  }
  throw new Error(`never saw ${String(want)}`);
}

describe('registry propagation between instances (medium)', () => {
  let db: TestDatabase;
  let publisherSide: RegistryInstance;
  let readerSide: RegistryInstance;

  beforeAll(async () => {
    db = await createTestDatabase(__filename);
    publisherSide = await startRegistry(db, { pollMs: 250 });
    readerSide = await startRegistry(db, { pollMs: 250 });
  });
  afterAll(async () => {
    await publisherSide.close();
    await readerSide.close();
    await db.drop();
  });

  it('given the reader has cached version 1, when the other instance publishes version 2, then the reader serves it within one second', async () => {
    await publisherSide.publisher.publish('dictionary', asJson(symptomsDictionary()), 'editor');
    await publisherSide.publisher.publish('form', asJson(feverCheckForm()), 'editor');
    await millisecondsUntil(
      async () => (await readerSide.registry.currentForm('fever-check'))?.version,
      1,
    );

    await publisherSide.publisher.publishParameters('fever-check', { feverThreshold: 38 }, 'admin');
    const elapsed = await millisecondsUntil(
      async () => (await readerSide.registry.currentForm('fever-check'))?.version,
      2,
    );

    expect(elapsed).toBeLessThan(1000);
    expect((await readerSide.registry.currentForm('fever-check'))?.parameters).toEqual({
      feverThreshold: 38,
    });
  });

  it('given the reader has cached a missing version, when it is published elsewhere, then the reader finds it after the next poll', async () => {
    expect(await readerSide.registry.formVersion('fever-check', 3)).toBeNull();

    await publisherSide.publisher.publishParameters(
      'fever-check',
      { feverThreshold: 38.5 },
      'admin',
    );

    const elapsed = await millisecondsUntil(
      async () => (await readerSide.registry.formVersion('fever-check', 3))?.version,
      3,
    );
    expect(elapsed).toBeLessThan(1000);
  });
});
