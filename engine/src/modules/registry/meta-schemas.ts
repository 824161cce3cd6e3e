import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';

/** The `kind`s a definitions meta-schema describes (`common` only holds shared `$defs`). */
export type MetaSchemaName = 'dictionary' | 'form' | 'workflow' | 'bundle';

const SCHEMA_BASE = 'https://sentinel.example/schemas';
const SCHEMA_FILES = ['common', 'dictionary', 'form', 'workflow', 'bundle'] as const;

/** The definitions package's meta-schemas folder (beside its package.json). */
export function metaSchemasDir(): string {
  return join(dirname(require.resolve('@sentinel/definitions/package.json')), 'schemas');
}

/**
 * Validators for `definitions/schemas`, configured once for the registry and the content CLI alike.
 * Ajv generates code, so it runs only on the Node side and only ever compiles the project's own
 * schema files, never a user-supplied one. A schema compiles when first asked for.
 */
export function loadMetaSchemas(): (name: MetaSchemaName) => ValidateFunction {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
  const dir = metaSchemasDir();
  for (const name of SCHEMA_FILES)
    ajv.addSchema(JSON.parse(readFileSync(join(dir, `${name}.schema.json`), 'utf8')) as object);
  return (name) => {
    const found = ajv.getSchema(`${SCHEMA_BASE}/${name}.schema.json`);
    if (found === undefined) throw new Error(`meta-schema ${name} missing in ${dir}`);
    return found;
  };
}
