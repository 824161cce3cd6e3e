import { randomBytes } from 'node:crypto';
import { inScope, type DataScope } from '../../common/auth';
import type { InstitutionStatus } from './institution-directory';
import {
  InstitutionNameTakenError,
  InstitutionStore,
  type Institution,
  type InstitutionQuery,
  type NewInstitution,
  type StatusChange,
} from './institution-store';

/** Institutions in a map, for unit tests; passes the same contract as the Mongo adapter. */
export class InMemoryInstitutionStore extends InstitutionStore {
  private readonly byId = new Map<string, Institution>();
  private sequence = 0;

  newId(): string {
    return randomBytes(12).toString('hex');
  }

  insert(institution: NewInstitution): Promise<void> {
    if ([...this.byId.values()].some((i) => i.nameKey === institution.nameKey)) {
      return Promise.reject(new InstitutionNameTakenError(institution.nameKey));
    }
    // Distinct times keep "newest first" stable however fast a test inserts.
    const at = new Date(Date.now() + this.sequence++);
    this.byId.set(institution.id, clone({ ...institution, createdAt: at, updatedAt: at }));
    return Promise.resolve();
  }

  findById(id: string): Promise<Institution | null> {
    return Promise.resolve(this.copyOf(id));
  }

  findByNameKey(nameKey: string): Promise<Institution | null> {
    const found = [...this.byId.values()].find((i) => i.nameKey === nameKey);
    return Promise.resolve(found === undefined ? null : clone(found));
  }

  findInScope(id: string, scope: DataScope): Promise<Institution | null> {
    const found = this.copyOf(id);
    return Promise.resolve(found !== null && visible(found, scope) ? found : null);
  }

  list(query: InstitutionQuery): Promise<{ items: readonly Institution[]; total: number }> {
    const matching = [...this.byId.values()]
      .filter((i) => visible(i, query.scope))
      .filter((i) => query.status === undefined || i.status === query.status)
      .filter((i) => query.regionCode === undefined || i.regionPath.includes(query.regionCode))
      .filter(
        (i) => query.nameKeyContains === undefined || i.nameKey.includes(query.nameKeyContains),
      )
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    return Promise.resolve({
      items: matching.slice(query.skip, query.skip + query.limit).map(clone),
      total: matching.length,
    });
  }

  setAdmin(id: string, adminUserId: string, change: StatusChange): Promise<void> {
    const current = this.byId.get(id);
    if (current !== undefined) {
      this.byId.set(id, {
        ...current,
        adminUserId,
        statusHistory: [...current.statusHistory, { ...change }],
        updatedAt: new Date(),
      });
    }
    return Promise.resolve();
  }

  changeStatus(
    id: string,
    from: InstitutionStatus,
    change: StatusChange,
  ): Promise<Institution | null> {
    const current = this.byId.get(id);
    if (current?.status !== from) return Promise.resolve(null);
    const updated: Institution = {
      ...current,
      status: change.status,
      statusHistory: [...current.statusHistory, { ...change }],
      updatedAt: new Date(),
    };
    this.byId.set(id, updated);
    return Promise.resolve(clone(updated));
  }

  private copyOf(id: string): Institution | null {
    const found = this.byId.get(id);
    return found === undefined ? null : clone(found);
  }
}

/** Institutions are their own scope key: an institution user matches on the id. */
function visible(institution: Institution, scope: DataScope): boolean {
  return scope.kind === 'institution'
    ? institution.id === scope.institutionId
    : inScope(scope, { regionPath: institution.regionPath });
}

/** A copy no caller can change the stored record through. */
function clone(institution: Institution): Institution {
  return {
    ...institution,
    address: { ...institution.address },
    regionPath: [...institution.regionPath],
    statusHistory: institution.statusHistory.map((change) => ({ ...change })),
  };
}
