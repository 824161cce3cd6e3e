import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ApiError } from '../../common/errors';
import { AppConfig, REPO_ROOT } from '../../config';
import type { DefinitionKind } from './definition-shape';
import { DefinitionStore } from './definition-store';
import { draftContent } from './draft-content';
import { RegistryPublisher } from './registry-publisher';

/** Dictionaries first: forms are checked against the dictionaries they read. */
const SEED_ORDER: readonly { kind: DefinitionKind; folder: string }[] = [
  { kind: 'dictionary', folder: 'dictionaries' },
  { kind: 'form', folder: 'forms' },
];

/** Where the province's definitions live in the repository. */
export function contentDir(): string {
  return join(REPO_ROOT, 'definitions', 'content');
}

/**
 * On first start (`SENTINEL_SEED_CONTENT`), publishes each form and dictionary of
 * `definitions/content` that has no version yet, through the same gate as any publication.
 * Safe when instances start together: the unique (key, version) index lets one win, and the
 * other's 409 means the work is done.
 */
@Injectable()
export class RegistrySeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('RegistrySeeder');

  constructor(
    private readonly config: AppConfig,
    private readonly store: DefinitionStore,
    private readonly publisher: RegistryPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedContent) return;
    await this.seed(contentDir());
  }

  /** Publishes what is missing from `dir`; returns the keys published by this call. */
  async seed(dir: string): Promise<string[]> {
    const published: string[] = [];
    for (const { kind, folder } of SEED_ORDER) {
      if (!existsSync(join(dir, folder))) {
        this.logger.warn(`no ${folder} folder in ${dir}; nothing to seed from it`);
        continue;
      }
      const files = readdirSync(join(dir, folder))
        .filter((name) => name.endsWith('.json'))
        .sort();
      for (const file of files) {
        const raw = JSON.parse(readFileSync(join(dir, folder, file), 'utf8')) as Record<
          string,
          unknown
        >;
        const key = String(raw['key']);
        if ((await this.store.latestVersion(kind, key)) > 0) continue;
        if (await this.publishOne(kind, key, raw, `${folder}/${file}`)) published.push(key);
      }
    }
    if (published.length > 0)
      this.logger.log(`published ${published.length} definition(s) from ${dir}`);
    return published;
  }

  private async publishOne(
    kind: DefinitionKind,
    key: string,
    raw: Record<string, unknown>,
    file: string,
  ): Promise<boolean> {
    try {
      await this.publisher.publish(kind, draftContent(kind, key, raw), 'system', {
        onlyAsVersion: 1,
      });
      return true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.getStatus() === 409) return false; // another instance seeded it first
      const reasons = error.details.map((d) => `${d.path} ${d.code}: ${d.message.en}`).join('; ');
      this.logger.error(`${file} was not published: ${reasons}`);
      return false;
    }
  }
}
