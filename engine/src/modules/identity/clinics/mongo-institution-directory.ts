import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { InstitutionDirectory, type InstitutionSummary } from '../institution-directory';
import { RegionCatalog } from '../regions/region-catalog';
import { parseRecordId } from '../shared/record-id';
import { INSTITUTION_MODEL, type InstitutionRecord } from './institution.schema';

/**
 * Institutions are read from the store on every call (status decides whether a clinic may
 * report, and a suspension must take effect at once); the region tree comes from the cache.
 */
@Injectable()
export class MongoInstitutionDirectory extends InstitutionDirectory {
  constructor(
    @InjectModel(INSTITUTION_MODEL) private readonly institutions: Model<InstitutionRecord>,
    private readonly regions: RegionCatalog,
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
}
