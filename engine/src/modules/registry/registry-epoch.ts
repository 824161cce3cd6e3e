import type { VersionPointer, VersionRecord } from './definition-store';

/**
 * What one instance knows about which versions exist, since it last saw the registry's generation
 * change. A publication replaces the whole epoch; loads started in an old epoch finish into it and
 * are dropped with it, so a slow read can never put stale pointers into the new one.
 */
export class RegistryEpoch {
  readonly formPointers = new Map<string, Promise<VersionPointer[]>>();
  readonly dictionaryPointers = new Map<'all', Promise<ReadonlyMap<string, VersionPointer[]>>>();
  /** Look-ups of versions, including misses (a version may appear with the next publication). */
  readonly records = new Map<string, Promise<VersionRecord | null>>();
}

/**
 * Values derived only from immutable inputs (a published version; a form compiled against given
 * dictionary versions) stay valid across epochs. Bounded: emptied when full, since publications
 * are rare and a reload costs one query or one compilation.
 */
export class ImmutableCache<V> {
  private readonly entries = new Map<string, Promise<V>>();

  constructor(private readonly capacity: number) {}

  peek(key: string): Promise<V> | undefined {
    return this.entries.get(key);
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    if (!this.entries.has(key) && this.entries.size >= this.capacity) this.entries.clear();
    return memo(this.entries, key, load);
  }
}

/**
 * The cached promise for `key`, or a new load stored under it. A failed load (database down) is
 * forgotten, so the next call tries again instead of failing for the rest of the epoch.
 */
export function memo<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const loading = load();
  cache.set(key, loading);
  loading.catch(() => {
    if (cache.get(key) === loading) cache.delete(key);
  });
  return loading;
}

/** The version in force at `now`: the highest-numbered one whose effectiveFrom has passed. */
export function inForce(
  pointers: readonly VersionPointer[],
  now: Date,
): VersionPointer | undefined {
  let best: VersionPointer | undefined;
  for (const pointer of pointers) {
    if (pointer.effectiveFrom.getTime() > now.getTime()) continue;
    if (best === undefined || pointer.version > best.version) best = pointer;
  }
  return best;
}
