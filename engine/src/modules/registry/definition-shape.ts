import { Injectable } from '@nestjs/common';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { DefinitionProblem } from '@sentinel/definitions';
import { appendPointer } from '../../common/input';
import { loadMetaSchemas } from './meta-schemas';

/** Kinds of definition the registry stores. */
export type DefinitionKind = 'form' | 'dictionary';
/** Every meta-schema this checker knows: the registry's kinds and workflows (stored by the workflow module). */
export type MetaSchemaKind = DefinitionKind | 'workflow';

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
  private readonly validators: ReadonlyMap<MetaSchemaKind, ValidateFunction>;

  constructor() {
    const validator = loadMetaSchemas();
    this.validators = new Map([
      ['form', validator('form')],
      ['dictionary', validator('dictionary')],
      ['workflow', validator('workflow')],
    ]);
  }

  /** Every meta-schema problem of a definition, with JSON pointers into it; empty when well formed. */
  problems(kind: MetaSchemaKind, definition: unknown): DefinitionProblem[] {
    const validate = this.validators.get(kind);
    if (validate === undefined) throw new Error(`no meta-schema for ${kind}`);
    if (validate(definition)) return [];
    return (validate.errors ?? []).map(toProblem);
  }
}
