/**
 * The Jest transform for every package: @swc/jest strips types file by file without reading the
 * program (ts-jest type-checked each file again in each worker, most of a cold run's time).
 * Types are checked once by `npm run typecheck` (tsc), which CI runs before the tests.
 * The options mirror tsconfig.base.json: ES2022 class fields, CommonJS, and for the engine the
 * legacy decorators plus their design-type metadata that Nest's dependency injection reads.
 */
function swcTransform({ decorators = false } = {}) {
  return [
    '@swc/jest',
    {
      swcrc: false,
      sourceMaps: 'inline',
      module: { type: 'commonjs' },
      jsc: {
        target: 'es2022',
        keepClassNames: true,
        parser: { syntax: 'typescript', decorators },
        transform: {
          useDefineForClassFields: true,
          ...(decorators ? { legacyDecorator: true, decoratorMetadata: true } : {}),
        },
      },
    },
  ];
}

module.exports = { swcTransform };
