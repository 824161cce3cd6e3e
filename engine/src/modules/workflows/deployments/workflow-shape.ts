import { Injectable } from '@nestjs/common';
import { DefinitionShapeChecker } from '../../registry';
import type { WorkflowLintProblem } from '../runtime';

/**
 * The meta-schema check of `definitions/schemas/workflow.schema.json`, through the registry's
 * checker (same Ajv options and pointers): the lint assumes a well-formed definition.
 */
@Injectable()
export class WorkflowShapeChecker {
  private readonly checker = new DefinitionShapeChecker();

  /** Every meta-schema problem, with JSON pointers into the definition; empty when well formed. */
  problems(definition: unknown): WorkflowLintProblem[] {
    return this.checker.problems('workflow', definition).map((problem) => ({
      path: problem.pointer,
      code: problem.code,
      message: problem.message,
    }));
  }
}
