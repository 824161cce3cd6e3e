import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { appendPointer } from '../../../common/input';
import type { WorkflowLintProblem } from '../runtime/workflow-errors';

const WORKFLOW_SCHEMA_ID = 'https://sentinel.example/schemas/workflow.schema.json';
const SCHEMA_FILES = ['common', 'workflow'] as const;

function schemasDir(): string {
  return join(dirname(require.resolve('@sentinel/definitions/package.json')), 'schemas');
}

/** Ajv reports an unknown property on its parent; point at the property itself. */
function pointerOf(error: ErrorObject): string {
  const params = error.params as { unevaluatedProperty?: string; additionalProperty?: string };
  const extra = params.unevaluatedProperty ?? params.additionalProperty;
  return extra === undefined ? error.instancePath : appendPointer(error.instancePath, extra);
}

function toProblem(error: ErrorObject): WorkflowLintProblem {
  const message = error.message ?? 'is invalid';
  return {
    path: pointerOf(error),
    code: `schema-${error.keyword}`,
    message: {
      zh: `不符合流程定义元模式（${error.keyword}）：${message}`,
      en: `Does not match the workflow meta-schema (${error.keyword}): ${message}`,
    },
  };
}

/**
 * The meta-schema check of `definitions/schemas/workflow.schema.json`, with the registry's Ajv
 * options (DefinitionShapeChecker knows forms and dictionaries only): the lint assumes a
 * well-formed definition. The schemas are the project's own files; Ajv never sees a user schema.
 */
@Injectable()
export class WorkflowShapeChecker {
  private readonly validate: ValidateFunction;

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
    const validate = ajv.getSchema(WORKFLOW_SCHEMA_ID);
    if (validate === undefined) throw new Error(`workflow meta-schema missing in ${dir}`);
    this.validate = validate;
  }

  /** Every meta-schema problem, with JSON pointers into the definition; empty when well formed. */
  problems(definition: unknown): WorkflowLintProblem[] {
    if (this.validate(definition)) return [];
    return (this.validate.errors ?? []).map(toProblem);
  }
}
