import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { readShippedRegions } from './region-content';
import { REGION_MODEL, type RegionRecord } from './region.schema';
import { RegionTree, type RegionNode } from './region-tree';
import { isDuplicateKeyError } from '../../../database';

/**
 * The region tree: stored in `regions`, seeded from the shipped dictionaries when empty, and
 * cached whole in memory (a few hundred nodes) so paths and subtree checks cost nothing per
 * request. An unknown code triggers a (rate-limited) reload, so regions added by another instance
 * appear.
 */
/** A miss reloads at most this often, so requests for made-up codes cannot hammer the store. */
const RELOAD_ON_MISS_INTERVAL_MS = 5_000;

@Injectable()
export class RegionCatalog {
  private tree: RegionTree | null = null;
  private loadedAt = 0;

  constructor(@InjectModel(REGION_MODEL) private readonly regions: Model<RegionRecord>) {}

  /** Seeds the shipped regions into an empty collection, then loads the cache. */
  async ensureSeeded(): Promise<void> {
    await this.regions.init();
    if ((await this.regions.estimatedDocumentCount()) === 0) {
      const tree = RegionTree.fromItems(await readShippedRegions());
      const records: RegionRecord[] = tree.all().map((node) => ({
        code: node.code,
        name: { zh: node.name.zh, en: node.name.en },
        parent: node.parent,
        level: node.level,
        path: [...node.path],
      }));
      // Unordered: when two instances seed at once, the loser's duplicates fail alone.
      await this.regions.insertMany(records, { ordered: false }).catch((error: unknown) => {
        if (!isDuplicateKeyError(error)) throw error;
      });
    }
    await this.reload();
  }

  async reload(): Promise<RegionTree> {
    const records = await this.regions.find({}, { _id: 0, code: 1, name: 1, parent: 1 }).lean();
    this.tree = RegionTree.fromItems(records);
    this.loadedAt = Date.now();
    return this.tree;
  }

  async current(): Promise<RegionTree> {
    return this.tree ?? (await this.reload());
  }

  /** The node, reloading once if this instance has not seen the code yet. */
  async find(code: string): Promise<RegionNode | undefined> {
    const node = (await this.current()).node(code);
    if (node !== undefined || Date.now() - this.loadedAt < RELOAD_ON_MISS_INTERVAL_MS) return node;
    return (await this.reload()).node(code);
  }

  /** Codes from the root down to `code`; empty when the code is unknown. */
  async pathOf(code: string): Promise<readonly string[]> {
    return (await this.find(code))?.path ?? [];
  }
}
