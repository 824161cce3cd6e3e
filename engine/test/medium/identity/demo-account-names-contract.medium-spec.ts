import type { DemoAccountNames } from '../../../src/modules/identity/demo/demo-account-names';
import { InMemoryDemoAccountNames } from '../../../src/modules/identity/demo/in-memory-demo-account-names';
import { MongoDemoAccountNames } from '../../../src/modules/identity/demo/mongo-demo-account-names';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const USERNAMES = ['province-admin', 'gd-demo-reviewer', 'demo-fever-clinic'];

/** The same behaviour from both adapters: unit tests on the in-memory one must not flatter. */
describe.each([['mongo'], ['in-memory']] as const)('DemoAccountNames (%s)', (kind) => {
  let database: TestDatabase;
  let sut: DemoAccountNames;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
  });
  afterAll(() => database.drop());

  beforeEach(async () => {
    if (kind === 'in-memory') {
      sut = new InMemoryDemoAccountNames(USERNAMES);
      return;
    }
    const users = database.connection.collection('users');
    await users.deleteMany({});
    await users.insertMany(USERNAMES.map((username) => ({ username })));
    sut = new MongoDemoAccountNames(database.connection);
  });

  it('given accounts, when asked for a prefix, then only a name starting with it is found', async () => {
    expect(await sut.firstWithPrefix('demo-')).toBe('demo-fever-clinic');
    expect(await sut.firstWithPrefix('gd-')).toBe('gd-demo-reviewer');
    expect(await sut.firstWithPrefix('reviewer')).toBeNull();
  });

  it('given a prefix with pattern characters, when asked, then they are matched literally', async () => {
    expect(await sut.firstWithPrefix('.*')).toBeNull();
    expect(await sut.firstWithPrefix('province-')).toBe('province-admin');
  });
});
