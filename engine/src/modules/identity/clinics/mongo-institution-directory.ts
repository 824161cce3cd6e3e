import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ambientSession, UnitOfWork } from '../../../database';
import { AuditLog } from '../../audit/audit-log';
import { Clock } from '../../auth/clock';
import {
  InstitutionDirectory,
  InstitutionNotFoundError,
  InstitutionStatusRefusedError,
  type InstitutionStatus,
  type InstitutionSummary,
  type SystemStatusChange,
  type SystemStatusOptions,
} from '../institution-directory';
import { RegionCatalog } from '../regions/region-catalog';
import { parseRecordId } from '../shared/record-id';
import { canChangeStatus } from './clinic-status';
import { INSTITUTION_MODEL, type InstitutionRecord } from './institution.schema';

/** Attempts when another writer changes the status between our read and our conditional write. */
const STATUS_WRITE_ATTEMPTS = 3;

/**
 * Institutions are read from the store on every call (status decides whether a clinic may
 * report, and a suspension must take effect at once); the region tree comes from the cache.
 */
@Injectable()
export class MongoInstitutionDirectory extends InstitutionDirectory {
  constructor(
    @InjectModel(INSTITUTION_MODEL) private readonly institutions: Model<InstitutionRecord>,
    private readonly unitOfWork: UnitOfWork,
    private readonly regions: RegionCatalog,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {
    super();
  }

  async institution(id: string): Promise<InstitutionSummary | null> {
    const objectId = parseRecordId(id);
    if (objectId === null) return null;
    const record = await this.institutions
      .findById(objectId, { name: 1, type: 1, status: 1, regionCode: 1, regionPath: 1 })
      .lean();
    if (record === null) return null;
    return {
      id: record._id.toHexString(),
      name: record.name,
      type: record.type,
      status: record.status,
      regionCode: record.regionCode,
      regionPath: record.regionPath,
    };
  }

  regionPath(regionCode: string): Promise<readonly string[]> {
    return this.regions.pathOf(regionCode);
  }

  async setStatusBySystem(
    id: string,
    status: InstitutionStatus,
    reason: string | null,
    actor: string,
    options: SystemStatusOptions = {},
  ): Promise<SystemStatusChange> {
    return this.unitOfWork.run(async () => {
      const change = await this.changeWithin(id, status, reason, actor, options);
      await this.unitOfWork.afterCommit(() => this.audit.flush());
      return change;
    });
  }

  /**
   * Read, check the table, write conditionally on the status read (so a regulator deciding at
   * the same moment cannot be overwritten unseen), then audit, all in the unit of work.
   */
  private async changeWithin(
    id: string,
    status: InstitutionStatus,
    reason: string | null,
    actor: string,
    options: SystemStatusOptions,
  ): Promise<SystemStatusChange> {
    const session = ambientSession();
    const objectId = parseRecordId(id);
    for (let attempt = 0; attempt < STATUS_WRITE_ATTEMPTS; attempt++) {
      const current =
        objectId === null
          ? null
          : await this.institutions
              .findById(objectId, { status: 1 })
              .session(session ?? null)
              .lean();
      if (current === null || objectId === null) throw new InstitutionNotFoundError(id);
      if (current.status === status) return { from: status, to: status, changed: false };
      if (!canChangeStatus(current.status, status)) {
        throw new InstitutionStatusRefusedError(id, current.status, status);
      }
      const written = await this.institutions.updateOne(
        { _id: objectId, status: current.status },
        {
          $set: { status },
          $push: { statusHistory: { status, reason, actor, at: this.clock.now() } },
        },
        { session },
      );
      if (written.modifiedCount !== 1) continue;
      await this.audit.appendInTransaction({
        action: 'update',
        actor,
        resource: 'institutions',
        resourceId: id,
        details: {
          from: current.status,
          to: status,
          withReason: reason !== null && reason !== '',
          source: options.source ?? 'system',
        },
      });
      return { from: current.status, to: status, changed: true };
    }
    throw new Error(`institution ${id}: status kept changing during a system update`);
  }
}
