/**
 * Contract of the `bpmn/` folder (implemented in its sibling files, re-exported by index.ts):
 * the portable-subset lint and the safe evaluator of the JUEL subset shared by both runtimes.
 * Types only here, so the embedded runtime and the deployer can be written against it.
 */
import type { WorkflowDefinition } from '@sentinel/definitions';
import type { WorkflowLintProblem } from '../runtime';

/** What the lint needs to know about the rest of the engine. */
export interface WorkflowLintContext {
  /** Topics with a registered worker: an external task naming another topic is refused. */
  readonly knownTopics: readonly string[];
  /** Engine roles: candidate groups must be among them. */
  readonly knownRoles: readonly string[];
  /** Fields of a published form (null when the form is not published), to check task forms and startVariables. */
  readonly formFields: (
    formKey: string,
  ) => Promise<readonly { readonly key: string; readonly personal: boolean }[] | null>;
  /** Derived value keys of a published form (null when unknown), to check `startWhenDerived`. */
  readonly formDerived: (formKey: string) => Promise<readonly string[] | null>;
}

/** The parts of a linted process the runtimes and the task projection use. */
export interface ProcessModel {
  readonly processId: string;
  readonly userTasks: readonly {
    readonly id: string;
    readonly name: string;
    readonly candidateGroups: readonly string[];
    readonly multiInstance: boolean;
  }[];
  readonly serviceTasks: readonly { readonly id: string; readonly topic: string }[];
}

export interface WorkflowLintResult {
  readonly problems: readonly WorkflowLintProblem[];
  /** Present when the XML parsed and has exactly one executable process. */
  readonly model: ProcessModel | null;
}

export type LintWorkflow = (
  definition: WorkflowDefinition,
  context: WorkflowLintContext,
) => Promise<WorkflowLintResult>;

/** A parsed `${...}` expression of the supported JUEL subset. */
export interface CompiledJuel {
  readonly source: string;
  /** Variable names read (top-level identifiers), for the lint. */
  readonly identifiers: readonly string[];
  /** Evaluates against variables; a missing variable is null (Camunda throws; we refuse such XML at lint where we can). */
  evaluate(lookup: (name: string) => unknown): unknown;
}
