import { Injectable, Logger } from '@nestjs/common';
import type { WorkflowDefinition } from '@sentinel/definitions';
import { ApiError } from '../../../common/errors';
import { AuditLog, auditPublication } from '../../audit';
import { Clock } from '../../../common/clock';
import { lintWorkflow, type ProcessModel } from '../bpmn';
import { WorkflowErrors, WorkflowRuntime, type WorkflowLintProblem } from '../runtime';
import { WorkflowDeploymentStore } from './workflow-deployment-store';
import { WorkflowVersionConflictError, type DeployOutcome } from './workflow-deployments';
import { WorkflowLintContextFactory } from './workflow-lint-context';
import { WorkflowShapeChecker } from './workflow-shape';

/** A definition that passed the meta-schema and the lint, with the process the lint found. */
interface LintedWorkflow {
  readonly definition: WorkflowDefinition;
  readonly model: ProcessModel;
}

/** The same error with every path moved under `at` (where the definition sits in the request). */
function locatedAt(error: ApiError, at: string): ApiError {
  if (at === '') return error;
  return new ApiError(
    error.getStatus(),
    error.code,
    error.details.map((detail) => ({ ...detail, path: `${at}${detail.path}` })),
  );
}

/**
 * The one way a workflow gets deployed (admin API and content seeding alike): meta-schema, then
 * the portable-subset lint, then an immutable version in the store, then the runtime is told.
 * Errors are 400 (shape or lint, every problem with its path) or 409 (version not above the latest).
 */
@Injectable()
export class WorkflowDeployer {
  private readonly logger = new Logger('WorkflowDeployer');

  constructor(
    private readonly shape: WorkflowShapeChecker,
    private readonly lintContext: WorkflowLintContextFactory,
    private readonly store: WorkflowDeploymentStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly runtime: WorkflowRuntime,
  ) {}

  /** Dry run: `{ problems: [] }` when it would deploy, else the 400 `deploy` would answer. */
  async lint(definition: unknown, at = ''): Promise<{ problems: readonly WorkflowLintProblem[] }> {
    await this.checked(definition, at);
    return { problems: [] };
  }

  /** Deploys a new version; the same text as the latest answers it with `created: false`. */
  async deploy(definition: unknown, actor: string, at = ''): Promise<DeployOutcome> {
    const key = typeof definition === 'object' && definition !== null ? keyOf(definition) : '';
    let linted: LintedWorkflow;
    try {
      linted = await this.checked(definition, at);
    } catch (error) {
      await this.auditDeploy(actor, key, 'failure', { reason: 'invalid' });
      throw error;
    }
    const outcome = await this.save(linted, actor, at);
    await this.runtime.deploy(outcome.deployment);
    if (outcome.created) {
      const { version, checksum } = outcome.deployment;
      await this.auditDeploy(actor, key, 'success', { version, checksum });
      this.logger.log(`workflow ${key} v${version} deployed by ${actor}`);
    }
    return outcome;
  }

  private async checked(definition: unknown, at: string): Promise<LintedWorkflow> {
    const shapeProblems = this.shape.problems(definition);
    if (shapeProblems.length > 0) throw locatedAt(WorkflowErrors.lintFailed(shapeProblems), at);
    const workflow = definition as WorkflowDefinition;
    const { problems, model } = await lintWorkflow(workflow, this.lintContext.create());
    if (problems.length > 0) throw locatedAt(WorkflowErrors.lintFailed(problems), at);
    if (model === null) throw new Error(`lint of ${workflow.key} gave neither problems nor model`);
    return { definition: workflow, model };
  }

  private async save(linted: LintedWorkflow, actor: string, at: string): Promise<DeployOutcome> {
    try {
      return await this.store.saveLinted(
        linted.definition,
        linted.model.processId,
        actor,
        this.clock.now(),
      );
    } catch (error) {
      if (!(error instanceof WorkflowVersionConflictError)) throw error;
      await this.auditDeploy(actor, error.key, 'failure', { reason: 'version-conflict' });
      throw locatedAt(WorkflowErrors.versionNotNewer(error.key, error.latest), at);
    }
  }

  private auditDeploy(
    actor: string,
    key: string,
    outcome: 'success' | 'failure',
    details: Readonly<Record<string, string | number>>,
  ): Promise<void> {
    const resourceId = key === '' ? undefined : key;
    return auditPublication(this.audit, {
      resource: 'workflows',
      key: resourceId,
      actor,
      outcome,
      details,
    });
  }
}

function keyOf(definition: object): string {
  const key = (definition as { key?: unknown }).key;
  return typeof key === 'string' ? key.slice(0, 64) : '';
}
