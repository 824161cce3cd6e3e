/**
 * Three projects, all run by `npm test`:
 * - `unit`: beside the code, no store;
 * - `medium`: store-backed suites and in-process e2e; each Jest worker has its own MongoDB-speaking
 *   store (test/support/global-setup.ts) and each test file its own database in it;
 * - `process`: suites that spawn `node dist/...` engines and stores and SIGKILL them.
 * See docs/adr/0013-test-projects-and-shared-boot.md.
 */
const { availableParallelism } = require('node:os');
const { swcTransform } = require('../jest.swc');

const transform = { '^.+\\.ts$': swcTransform({ decorators: true }) };
const moduleNameMapper = { '^@sentinel/definitions$': '<rootDir>/../definitions/src/index.ts' };
const storeHooks = {
  // One hook file for both store-backed projects: Jest runs it once per run, not per project.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
/** Suites that start engine processes of their own (and kill them); slow, so they start first. */
const PROCESS_LEVEL = [
  'engine-process',
  'store-durability',
  'submission-durability',
  'workflow-crash',
].map((stem) => `<rootDir>/test/e2e/${stem}.e2e-spec.ts`);

module.exports = {
  // Per-project testTimeout is ignored by Jest 30; store-backed hooks need more than the default 5 s.
  testTimeout: 30000,
  // Jest's default (cores - 1) is ONE worker on a 2-core CI machine. Files wait on their store
  // about half the time, so two workers, each with its own store, keep both cores busy.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // Each e2e file boots a whole app; a long-lived worker's heap grows with every file until the
  // health check's 1 GiB heap indicator trips. Recycle workers whose heap passed this after a file.
  workerIdleMemoryLimit: '640MB',
  testSequencer: '<rootDir>/test/support/test-sequencer.js',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.spec.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'medium',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.medium-spec.ts', '**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...PROCESS_LEVEL],
      transform,
      moduleNameMapper,
      ...storeHooks,
    },
    {
      displayName: 'process',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: PROCESS_LEVEL,
      transform,
      moduleNameMapper,
      ...storeHooks,
    },
  ],
};
