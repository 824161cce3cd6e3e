// Module boundaries of engine/src (ADR 0015), as one flat-config block for eslint.config.mjs.

/** Units another part of the engine may import only through their `index.ts`. */
const elements = [
  { type: 'module', pattern: 'engine/src/modules/*', capture: ['name'] },
  { type: 'common', pattern: 'engine/src/common/*', capture: ['name'] },
  { type: 'infrastructure', pattern: 'engine/src/(config|crypto|database)', capture: ['name'] },
  // Importers only, which nothing imports across: the CLIs and the rule-language conformance.
  { type: 'entry', pattern: 'engine/src/(cli|rules)' },
];

/** The composition root (`app.module.ts`, `main.ts`, ...): files, so the rule checks them too. */
const files = [{ category: 'root', pattern: 'engine/src/*.ts' }];

export function engineBoundaries(boundaries, rootPath) {
  return {
    files: ['engine/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': rootPath,
      'boundaries/elements': elements,
      'boundaries/files': files,
      // `export ... from` and `import()` cross boundaries as much as `import` does.
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      'import/resolver': { node: { extensions: ['.ts'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              disallow: {
                to: {
                  element: {
                    types: ['module', 'common', 'infrastructure'],
                    fileInternalPath: '!index.ts',
                  },
                },
              },
              message:
                'import {{to.element.type}} "{{to.element.captured.name}}" through its index.ts (ADR 0015)',
            },
            {
              // common/* is one shared kernel: its folders may reach into each other.
              from: { element: { types: 'common' } },
              allow: { to: { element: { types: 'common' } } },
            },
          ],
        },
      ],
    },
  };
}
