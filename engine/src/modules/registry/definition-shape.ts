import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { DefinitionProblem } from '@sentinel/definitions';
import { appendPointer } from '../../common/input';

/** Kinds of definition the registry stores. */
export type DefinitionKind = 'form' | 'dictionary';

const SCHEMA_BASE = 'https://sentinel.example/schemas';
const SCHEMA_FILES = ['common', 'dictionary', 'form'] as const;

/** The definitions package's meta-schemas folder (beside its package.json). */
function schemasDir(): string {
  return join(dirname(require.resolve('@sentinel/definitions/package.json')), 'schemas');
}

/** Ajv reports an unknown property on its parent; point at the property itself. */
function pointerOf(error: ErrorObject): string {
  const params = error.params as { unevaluatedProperty?: string; additionalProperty?: string };
  const extra = params.unevaluatedProperty ?? params.additionalProperty;
  return extra === undefined ? error.instancePath : appendPointer(error.instancePath, extra);
}

function toProblem(error: ErrorObject): DefinitionProblem {
  const message = error.message ?? 'is invalid';
  return {
    code: `schema-${error.keyword}`,
    pointer: pointerOf(error),
    message: {
      zh: `不符合定义元模式（${error.keyword}）：${message}`,
      en: `Does not match the definition meta-schema (${error.keyword}): ${message}`,
    },
  };
}

/**
 * The meta-schema check of `definitions/schemas`: the shape every form or dictionary must have
 * before the static checks may look at it (they assume arrays are arrays). The schemas are the
 * project's own files, compiled once per instance; Ajv never sees a user-supplied schema.
 */
@Injectable()
export class DefinitionShapeChecker {
  private readonly validators: ReadonlyMap<DefinitionKind, ValidateFunction>;

  constructor() {
    const ajv = new Ajv2020({
      allErrors: true,
      strict: true,
      strictRequired: false,
      allowUnionTypes: true,
    });
    const dir = schemasDir();
    for (const name of SCHEMA_FILES)
      ajv.addSchema(JSON.parse(readFileSync(join(dir, `${name}.schema.json`), 'utf8')) as object);
    const validator = (name: DefinitionKind): ValidateFunction => {
      const found = ajv.getSchema(`${SCHEMA_BASE}/${name}.schema.json`);
      if (found === undefined) throw new Error(`meta-schema ${name} missing in ${dir}`);
      return found;
    };
    this.validators = new Map([
      ['form', validator('form')],
      ['dictionary', validator('dictionary')],
    ]);
  }

  /** Every meta-schema problem of a definition, with JSON pointers into it; empty when well formed. */
  problems(kind: DefinitionKind, definition: unknown): DefinitionProblem[] {
    const validate = this.validators.get(kind);
    if (validate === undefined) throw new Error(`no meta-schema for ${kind}`);
    if (validate(definition)) return [];
    return (validate.errors ?? []).map(toProblem);
  }
}
