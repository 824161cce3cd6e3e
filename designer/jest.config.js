/**
 * Two projects: `unit` (the designer's non-UI logic, beside the code) and `e2e` (the built designer
 * in Debian's Chromium against a real engine process; needs `npm run build` first, as `npm test` does).
 */
const transform = {
  '^.+\\.tsx?$': [
    'ts-jest',
    {
      tsconfig: {
        module: 'commonjs',
        moduleResolution: 'node',
        jsx: 'react-jsx',
        esModuleInterop: true,
        strict: true,
        isolatedModules: true,
      },
    },
  ],
};
const moduleNameMapper = { '^@sentinel/definitions$': '<rootDir>/../definitions/src/index.ts' };

module.exports = {
  // Per-project testTimeout is ignored by Jest 30; a browser step against the engine needs more than 5 s.
  testTimeout: 60000,
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
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/e2e'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform,
      moduleNameMapper,
    },
  ],
};
