import { randomBytes } from 'node:crypto';
import { inScope, type DataScope } from '../../../common/auth';

/** What every record an institution keeps about its people has, as the in-memory stores need it. */
export interface InstitutionRecord {
  readonly id: string;
  readonly institutionId: string;
  readonly regionPath: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A page of records, newest first, as the stores' `list` answers. */
export interface RecordPage<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/**
 * The map, clock stamps, scope checks and paging that the in-memory identity stores share, so each
 * store keeps only what is its own (uniqueness rules, matching). Every record leaves through
 * `copy`, so a test cannot change stored state through an answer.
 */
export class InMemoryInstitutionRecords<T extends InstitutionRecord> {
  private readonly byId = new Map<string, T>();
  private sequence = 0;

  constructor(private readonly copy: (record: T) => T) {}

  newId(): string {
    return randomBytes(12).toString('hex');
  }

  all(): readonly T[] {
    return [...this.byId.values()];
  }

  /** Stores a new record; distinct times keep "newest first" stable however fast a test inserts. */
  insert(record: Omit<T, 'createdAt' | 'updatedAt'>): T {
    const now = new Date(Date.now() + this.sequence++);
    const stored = this.copy({ ...record, createdAt: now, updatedAt: now } as T);
    this.byId.set(stored.id, stored);
    return this.copy(stored);
  }

  /** Newest first (ties by id), in the caller's scope, narrowed by `matches`, one page of it. */
  page(
    query: { readonly scope: DataScope; readonly skip: number; readonly limit: number },
    matches: (record: T) => boolean,
  ): RecordPage<T> {
    const matching = this.all()
      .filter((record) => inScope(query.scope, record) && matches(record))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    return {
      items: matching.slice(query.skip, query.skip + query.limit).map(this.copy),
      total: matching.length,
    };
  }

  findInScope(id: string, scope: DataScope): T | null {
    const found = this.byId.get(id);
    return found !== undefined && inScope(scope, found) ? this.copy(found) : null;
  }

  /** The record when it belongs to `institutionId`; null otherwise, as if it did not exist. */
  findOwn(id: string, institutionId: string): T | null {
    const found = this.byId.get(id);
    return found?.institutionId === institutionId ? this.copy(found) : null;
  }

  /** Applies `changes` to the institution's own record with a later `updatedAt`; null when not its own. */
  update(id: string, institutionId: string, changes: Partial<T>): T | null {
    const found = this.byId.get(id);
    if (found?.institutionId !== institutionId) return null;
    const updated = this.copy({
      ...found,
      ...changes,
      updatedAt: new Date(Math.max(Date.now(), found.updatedAt.getTime() + 1)),
    });
    this.byId.set(id, updated);
    return this.copy(updated);
  }
}
