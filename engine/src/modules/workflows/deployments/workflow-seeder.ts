import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ApiError } from '../../../common/errors';
import { AppConfig } from '../../../config';
import { contentDir } from '../../registry';
import { WorkflowDeployer } from './workflow-deployer';
import { WorkflowDeploymentStore } from './workflow-deployment-store';

/**
 * A content workflow that cannot be deployed (the lint refuses it, or its text changed without a
 * new version number): our own content is broken, so boot must stop.
 */
export class ContentWorkflowInvalidError extends Error {
  constructor(file: string, error: ApiError) {
    const reasons = error.details.map((d) => `${d.path} ${d.code}: ${d.message.en}`).join('; ');
    super(`${file} cannot be deployed: ${reasons}`);
    this.name = 'ContentWorkflowInvalidError';
  }
}

/** What one seeding pass did, per workflow key. */
export interface WorkflowSeeding {
  readonly deployed: readonly string[];
  readonly unchanged: readonly string[];
  /** Keys whose store already holds a later version (an admin deployed one): kept as they are. */
  readonly kept: readonly string[];
}

/**
 * With `SENTINEL_SEED_CONTENT`, deploys every `definitions/content/workflows/*.json` as `system`
 * at bootstrap. DeploymentsModule imports RegistryModule, so Nest runs its bootstrap hooks (the
 * forms' seeding) before this module's; workers register in `onModuleInit`, so their topics are
 * known by now.
 * Unchanged text creates no version, a newer stored version wins, and a file the lint refuses
 * fails the boot with every problem.
 */
@Injectable()
export class WorkflowSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('WorkflowSeeder');
  private markSettled: () => void = () => undefined;
  /**
   * Resolves once boot-time seeding is over (at once when seeding is off), so the outbox consumer
   * never matches submissions against a half-deployed catalogue and drops their start.
   */
  readonly settled: Promise<void> = new Promise((resolve) => {
    this.markSettled = resolve;
  });

  constructor(
    private readonly config: AppConfig,
    private readonly deployer: WorkflowDeployer,
    private readonly store: WorkflowDeploymentStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      if (this.config.seedContent) await this.seed(join(contentDir(), 'workflows'));
    } finally {
      this.markSettled();
    }
  }

  async seed(dir: string): Promise<WorkflowSeeding> {
    const seeding = { deployed: [] as string[], unchanged: [] as string[], kept: [] as string[] };
    if (!existsSync(dir)) {
      this.logger.warn(`no workflows folder at ${dir}; nothing to deploy`);
      return seeding;
    }
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
    for (const file of files) {
      const definition = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        key?: unknown;
        version?: unknown;
      };
      const key = String(definition.key);
      try {
        const outcome = await this.deployer.deploy(definition, 'system');
        (outcome.created ? seeding.deployed : seeding.unchanged).push(key);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (!(await this.laterVersionDeployed(key, definition.version, error)))
          throw new ContentWorkflowInvalidError(file, error);
        this.logger.warn(`${file}: a later version of ${key} is deployed; keeping it`);
        seeding.kept.push(key);
      }
    }
    if (seeding.deployed.length > 0)
      this.logger.log(`deployed ${seeding.deployed.join(', ')} from ${dir}`);
    return seeding;
  }

  /** A 409 because an admin deployed a version above the file's is fine; any other refusal is not. */
  private async laterVersionDeployed(
    key: string,
    fileVersion: unknown,
    error: ApiError,
  ): Promise<boolean> {
    if (error.getStatus() !== 409 || typeof fileVersion !== 'number') return false;
    const latest = await this.store.latest(key);
    return latest !== null && latest.version > fileVersion;
  }
}
