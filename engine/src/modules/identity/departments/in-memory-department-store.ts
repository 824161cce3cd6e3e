import { randomBytes } from 'node:crypto';
import { inScope, type DataScope } from '../../../common/auth';
import {
  DepartmentCodeTakenError,
  DepartmentReferences,
  DepartmentStore,
  type Department,
  type DepartmentChanges,
  type DepartmentQuery,
  type NewDepartment,
} from './department-store';

const copy = (d: Department): Department => ({ ...d, regionPath: [...d.regionPath] });

/** Departments in a map, for unit tests; passes the same contract as the Mongo adapter. */
export class InMemoryDepartmentStore extends DepartmentStore {
  private readonly byId = new Map<string, Department>();

  insert(department: NewDepartment): Promise<Department> {
    if (this.codeHeld(department.institutionId, department.code, null)) {
      return Promise.reject(new DepartmentCodeTakenError(department.code));
    }
    const at = new Date();
    const stored: Department = {
      ...department,
      id: randomBytes(12).toString('hex'),
      regionPath: [...department.regionPath],
      createdAt: at,
      updatedAt: at,
    };
    this.byId.set(stored.id, stored);
    return Promise.resolve(copy(stored));
  }

  list(query: DepartmentQuery): Promise<{ items: readonly Department[]; total: number }> {
    const matching = [...this.byId.values()]
      .filter((d) => inScope(query.scope, d))
      .filter((d) => query.institutionId === undefined || d.institutionId === query.institutionId)
      .filter((d) => query.enabled === undefined || d.enabled === query.enabled)
      .sort((a, b) =>
        a.institutionId === b.institutionId
          ? a.code.localeCompare(b.code)
          : a.institutionId.localeCompare(b.institutionId),
      );
    return Promise.resolve({
      items: matching.slice(query.skip, query.skip + query.limit).map(copy),
      total: matching.length,
    });
  }

  findInScope(id: string, scope: DataScope): Promise<Department | null> {
    const found = this.byId.get(id);
    return Promise.resolve(found !== undefined && inScope(scope, found) ? copy(found) : null);
  }

  findOwn(id: string, institutionId: string): Promise<Department | null> {
    const found = this.byId.get(id);
    return Promise.resolve(found?.institutionId === institutionId ? copy(found) : null);
  }

  findByCode(institutionId: string, code: string): Promise<Department | null> {
    const found = [...this.byId.values()].find(
      (d) => d.institutionId === institutionId && d.code === code,
    );
    return Promise.resolve(found === undefined ? null : copy(found));
  }

  update(
    id: string,
    institutionId: string,
    changes: DepartmentChanges,
  ): Promise<Department | null> {
    const current = this.byId.get(id);
    if (current?.institutionId !== institutionId) return Promise.resolve(null);
    if (this.codeHeld(institutionId, changes.code, id)) {
      return Promise.reject(new DepartmentCodeTakenError(changes.code));
    }
    const updated: Department = { ...current, ...changes, updatedAt: new Date() };
    this.byId.set(id, updated);
    return Promise.resolve(copy(updated));
  }

  remove(id: string, institutionId: string): Promise<void> {
    if (this.byId.get(id)?.institutionId === institutionId) this.byId.delete(id);
    return Promise.resolve();
  }

  private codeHeld(institutionId: string, code: string, except: string | null): boolean {
    return [...this.byId.values()].some(
      (d) => d.institutionId === institutionId && d.code === code && d.id !== except,
    );
  }
}

/** References set by the test: `set(institutionId, code, n)`. */
export class InMemoryDepartmentReferences extends DepartmentReferences {
  private readonly counts = new Map<string, number>();

  set(institutionId: string, code: string, count: number): this {
    this.counts.set(`${institutionId}/${code}`, count);
    return this;
  }

  count(institutionId: string, code: string): Promise<number> {
    return Promise.resolve(this.counts.get(`${institutionId}/${code}`) ?? 0);
  }
}
