/**
 * Two projects: `unit` (beside the code, no store) and `medium` (against one MongoDB-speaking
 * store started once per run by test/support/global-setup.ts; each test file gets its own database).
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };
const moduleNameMapper = { '^@sentinel/definitions$': '<rootDir>/../definitions/src/index.ts' };

module.exports = {
  // Per-project testTimeout is ignored by Jest 30; store-backed hooks need more than the default 5 s.
  testTimeout: 30000,
  // Each e2e file boots a whole app; a long-lived worker's heap grows with every file until the
  // health check's 1 GiB heap indicator trips. Recycle workers whose heap passed this after a file.
  workerIdleMemoryLimit: '640MB',
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
      transform,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
