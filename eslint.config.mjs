// One flat config for every workspace; each workspace runs `eslint .` and finds this file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';
import { engineBoundaries } from './engine/eslint-boundaries.mjs';

/** Code strings are never executed: WeChat forbids it and the server must not run designer input. */
const noCodeStrings = {
  'no-eval': 'error',
  'no-new-func': 'error',
  'no-implied-eval': 'error',
};

/** `definitions/src` is shared by server, designer and phone, so it may not reach for a platform. */
const platformModules = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'crypto',
  'http',
  'https',
  'os',
  'child_process',
  'stream',
  'util',
  'events',
  'buffer',
  'net',
  'react',
  'react-dom',
  'react/*',
  '@nestjs/*',
  'mongoose',
  'mongodb',
  '@tarojs/*',
  'antd',
  'antd/*',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '**/.data/**',
      // Generated from the engine's OpenAPI document; a test keeps it fresh.
      'designer/src/shared/api/engine-api.generated.ts',
      '**/*.js',
      '**/*.cjs',
      '!**/eslint.config.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  prettier,
  {
    rules: {
      ...noCodeStrings,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    files: ['definitions/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: platformModules,
              message: 'definitions/ is pure TypeScript: no Node, DOM, React, Nest or mongoose.',
            },
          ],
        },
      ],
    },
  },
  engineBoundaries(boundaries, import.meta.dirname),
  {
    // Benchmarks and repository scripts are plain Node ES modules.
    files: ['bench/**/*.mjs', 'scripts/**/*.mjs', 'designer/scripts/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', 'designer/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
