import { randomBytes } from 'node:crypto';
import { DUPLICATE_KEY_CODE } from '../../../database';
import {
  OfficialStore,
  type NewOfficialRecord,
  type Official,
  type OfficialQuery,
} from './official-store';

/** Officials in a map, for unit tests; passes the same contract as the Mongo adapter. */
export class InMemoryOfficialStore extends OfficialStore {
  private readonly byId = new Map<string, Official>();
  private sequence = 0;

  insert(official: NewOfficialRecord): Promise<Official> {
    const taken = [...this.byId.values()].some(
      (o) => o.userId === official.userId || o.username === official.username,
    );
    if (taken) {
      // The shape of the store's duplicate-key error, which callers already recognise.
      return Promise.reject(
        Object.assign(new Error('E11000 duplicate key'), { code: DUPLICATE_KEY_CODE }),
      );
    }
    // Distinct times keep "newest first" stable however fast a test inserts.
    const stored: Official = {
      ...official,
      id: randomBytes(12).toString('hex'),
      regionPath: [...official.regionPath],
      createdAt: new Date(Date.now() + this.sequence++),
    };
    this.byId.set(stored.id, stored);
    return Promise.resolve({ ...stored, regionPath: [...stored.regionPath] });
  }

  list(query: OfficialQuery): Promise<{ items: readonly Official[]; total: number }> {
    const matching = [...this.byId.values()]
      .filter((o) => o.regionPath.includes(query.withinRegion))
      .filter((o) => query.role === undefined || o.role === query.role)
      .filter((o) => query.regionCode === undefined || o.regionPath.includes(query.regionCode))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    return Promise.resolve({
      items: matching
        .slice(query.skip, query.skip + query.limit)
        .map((o) => ({ ...o, regionPath: [...o.regionPath] })),
      total: matching.length,
    });
  }

  existsWithUsername(username: string): Promise<boolean> {
    return Promise.resolve([...this.byId.values()].some((o) => o.username === username));
  }
}
