import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../database';
import {
  InstitutionDirectory,
  InstitutionNotFoundError,
  InstitutionStatusRefusedError,
  type InstitutionStatus,
  type InstitutionSummary,
  type SystemStatusChange,
  type SystemStatusOptions,
} from './institution-directory';
import { RegionCatalog } from './regions/region-catalog';
import { canChangeStatus } from './clinic-status';
import { InstitutionStatusChanges } from './institution-status-changes';
import { InstitutionStore } from './institution-store';

/** Attempts when another writer changes the status between our read and our conditional write. */
const STATUS_WRITE_ATTEMPTS = 3;

/**
 * The directory other modules see, over the institution store. Institutions are read from the
 * store on every call (status decides whether a clinic may report, and a suspension must take
 * effect at once); the region tree comes from the cache.
 */
@Injectable()
export class StoredInstitutionDirectory extends InstitutionDirectory {
  constructor(
    private readonly store: InstitutionStore,
    private readonly statuses: InstitutionStatusChanges,
    private readonly unitOfWork: UnitOfWork,
    private readonly regions: RegionCatalog,
  ) {
    super();
  }

  async institution(id: string): Promise<InstitutionSummary | null> {
    const found = await this.store.findById(id);
    if (found === null) return null;
    const { name, type, status, regionCode, regionPath } = found;
    return { id: found.id, name, type, status, regionCode, regionPath };
  }

  regionPath(regionCode: string): Promise<readonly string[]> {
    return this.regions.pathOf(regionCode);
  }

  /**
   * Read, check the table, change conditionally on the status read (so a regulator deciding at
   * the same moment cannot be overwritten unseen), all in one unit of work.
   */
  setStatusBySystem(
    id: string,
    status: InstitutionStatus,
    reason: string | null,
    actor: string,
    options: SystemStatusOptions = {},
  ): Promise<SystemStatusChange> {
    return this.unitOfWork.run(async () => {
      for (let attempt = 0; attempt < STATUS_WRITE_ATTEMPTS; attempt++) {
        const current = await this.store.findById(id);
        if (current === null) throw new InstitutionNotFoundError(id);
        if (current.status === status) return { from: status, to: status, changed: false };
        if (!canChangeStatus(current.status, status)) {
          throw new InstitutionStatusRefusedError(id, current.status, status);
        }
        const changed = await this.statuses.change({
          id,
          from: current.status,
          to: status,
          reason,
          actor,
          source: options.source ?? 'system',
        });
        if (changed !== null) return { from: current.status, to: status, changed: true };
      }
      throw new Error(`institution ${id}: status kept changing during a system update`);
    });
  }
}
