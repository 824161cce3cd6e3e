import type { LocalizedText } from '@sentinel/definitions';

/** Province → city → district → street: the deepest level the product knows. */
export const MAX_REGION_LEVEL = 4;

/** One region as dictionaries and the `regions` collection describe it. */
export interface RegionItem {
  readonly code: string;
  readonly name: LocalizedText;
  readonly parent?: string | null;
}

/** A region placed in the tree: its depth and the codes from the root down to itself. */
export interface RegionNode {
  readonly code: string;
  readonly name: LocalizedText;
  readonly parent: string | null;
  /** 1 = province, 2 = city, 3 = district (or a Dongguan town), 4 = street. */
  readonly level: number;
  /** Codes from the province down to this region, inclusive. */
  readonly path: readonly string[];
}

/** Why a list of regions does not form a tree. */
export class RegionTreeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegionTreeError';
  }
}

/**
 * The region hierarchy, immutable once built. Small (a few hundred nodes per province), so it is
 * held in memory and every path and subtree question is answered without a database round trip.
 */
export class RegionTree {
  private readonly byCode = new Map<string, RegionNode>();
  private readonly children = new Map<string | null, RegionNode[]>();

  private constructor(nodes: readonly RegionNode[]) {
    for (const node of nodes) {
      this.byCode.set(node.code, node);
      const siblings = this.children.get(node.parent) ?? [];
      siblings.push(node);
      this.children.set(node.parent, siblings);
    }
    for (const list of this.children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  }

  /**
   * Places every item under its parent. Duplicate codes, unknown parents, cycles and trees deeper
   * than four levels are refused, naming the offending code.
   */
  static fromItems(items: readonly RegionItem[]): RegionTree {
    const raw = new Map<string, RegionItem>();
    for (const item of items) {
      if (raw.has(item.code)) throw new RegionTreeError(`region ${item.code} appears twice`);
      raw.set(item.code, item);
    }
    const placed = new Map<string, RegionNode>();
    const place = (code: string, seen: readonly string[]): RegionNode => {
      const done = placed.get(code);
      if (done !== undefined) return done;
      if (seen.includes(code)) throw new RegionTreeError(`region ${code} is its own ancestor`);
      const item = raw.get(code);
      if (item === undefined)
        throw new RegionTreeError(`region ${seen.at(-1)} has unknown parent ${code}`);
      const parent = item.parent ?? null;
      const above = parent === null ? [] : place(parent, [...seen, code]).path;
      const path = [...above, code];
      if (path.length > MAX_REGION_LEVEL)
        throw new RegionTreeError(`region ${code} is deeper than ${MAX_REGION_LEVEL} levels`);
      const node: RegionNode = { code, name: item.name, parent, level: path.length, path };
      placed.set(code, node);
      return node;
    };
    for (const code of raw.keys()) place(code, []);
    return new RegionTree([...placed.values()]);
  }

  get size(): number {
    return this.byCode.size;
  }

  node(code: string): RegionNode | undefined {
    return this.byCode.get(code);
  }

  /** Codes from the root down to `code`; empty when the code is unknown. */
  pathOf(code: string): readonly string[] {
    return this.byCode.get(code)?.path ?? [];
  }

  /** Direct children of `parent`, or the roots (provinces) when `parent` is null. */
  childrenOf(parent: string | null): readonly RegionNode[] {
    return this.children.get(parent) ?? [];
  }

  /** True when `code` is `ancestor` itself or lies below it. */
  isWithin(code: string, ancestor: string): boolean {
    return this.pathOf(code).includes(ancestor);
  }

  all(): readonly RegionNode[] {
    return [...this.byCode.values()];
  }
}
